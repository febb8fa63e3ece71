from django.conf import settings


def paper(request) -> dict:
    return {"paper_name": settings.CHENBAO["PAPER_NAME"]}
