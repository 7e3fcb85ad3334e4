import pytest


@pytest.mark.django_db
def test_pages_name_the_icon_and_the_old_address_leads_to_it(client):
    page = client.get("/").content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg' in page
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].startswith("/static/img/favicon.svg")
