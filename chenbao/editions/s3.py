"""The S3 publish storage: django-storages' S3Storage, with the e-paper's text typed as UTF-8.

Selected by CHENBAO_PUBLISH_S3_BUCKET (chenbao/settings/base.py); needs the `s3` extra.
S3 serves each object with the Content-Type it was uploaded with. django-storages guesses
it from the file name, which gives `text/html` with no charset: the e-paper's HTML and
JSON are written as UTF-8, so they are uploaded as `…; charset=utf-8`.
"""

from __future__ import annotations

import mimetypes

from storages.backends.s3 import S3Storage

UTF8_TYPES = ("text/", "application/json")


class PublishS3Storage(S3Storage):
    def get_object_parameters(self, name: str) -> dict:
        params = super().get_object_parameters(name)
        if "ContentType" not in params:
            guessed, encoding = mimetypes.guess_type(name)
            if guessed and not encoding and guessed.startswith(UTF8_TYPES):
                params["ContentType"] = f"{guessed}; charset=utf-8"
        return params
