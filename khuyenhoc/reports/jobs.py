"""The province's annual report made by a background job: the job's page then offers
the file, kept in the job's record and served only to those who may read the job."""

from khuyenhoc.jobs.registry import registers

PROVINCE_REPORT = "province-report"


@registers(PROVINCE_REPORT)
def province_report(*, job):
    from .views import province_workbook  # the views import this module's kind

    job.output, job.output_name = province_workbook(job.params["args"]["year"])
    job.message = "Tệp báo cáo đã làm xong."
