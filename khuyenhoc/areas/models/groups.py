"""Named groups of today's communes that administrators define (khuyenhoc/areas/services.py
writes them; the figures API sums their communes)."""

from django.db import models

from khuyenhoc.core.db.history import ChangeHistory

from .units import Commune, Province


class CommuneGroup(models.Model):
    """A named group of today's communes (a former city, an emulation cluster), defined
    by administrators; its figures are the sums of its communes' figures, so a commune
    may belong to several groups without anything being counted twice in any one."""

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="groups", verbose_name="tỉnh"
    )
    name = models.CharField("tên nhóm", max_length=150)
    description = models.TextField(
        "giới thiệu", blank=True, help_text="Hiện trên trang công khai của nhóm."
    )
    communes = models.ManyToManyField(
        Commune, related_name="groups", verbose_name="xã, phường trong nhóm"
    )

    history = ChangeHistory(m2m_fields=[communes])

    class Meta:
        verbose_name = "nhóm xã, phường"
        verbose_name_plural = "nhóm xã, phường (cụm thi đua, thành phố cũ…)"
        ordering = ["province_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"],
                name="uniq_commune_group_name",
                violation_error_message="Tỉnh đã có nhóm mang tên này.",
            ),
        ]

    def __str__(self):
        return self.name
