"""Photos on S3-compatible storage: originals and renditions go through Django's storage API only."""

import io

import boto3
import pytest
from django.core.management import call_command
from moto import mock_aws

from . import images
from .factories import make_photo
from .test_settings import manage

BUCKET = "detakbanten-media"
REGION = "ap-southeast-3"  # Jakarta


@pytest.fixture
def s3(settings, monkeypatch):
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_DEFAULT_REGION": REGION}.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {"bucket_name": BUCKET, "region_name": REGION, "querystring_auth": False,
                            "file_overwrite": True,
                            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"}},
            },
        }
        yield client


def keys(client):
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


@pytest.mark.django_db
def test_photo_and_renditions_are_stored_in_the_bucket(s3, django_capture_on_commit_callbacks):
    photo = make_photo(images.phone_jpeg())
    assert keys(s3) == {photo.file.name, *(rendition.name for rendition in photo.renditions())}
    webp = photo.rendition("16:9", 320, "webp")
    head = s3.head_object(Bucket=BUCKET, Key=webp.name)
    assert head["ContentType"] == "image/webp"
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    url = photo.rendition_url("16:9", 320, "webp")
    assert url.startswith(f"https://{BUCKET}.s3.") and url.endswith(f".amazonaws.com/{webp.name}")

    s3.delete_object(Bucket=BUCKET, Key=webp.name)
    call_command("rebuild_renditions", stdout=io.StringIO())
    assert webp.name in keys(s3)

    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert keys(s3) == set()


def test_a_bucket_name_in_the_environment_switches_media_to_s3():
    code = "from django.core.files.storage import storages; s = storages['default']; print(type(s).__name__, s.bucket_name, s.location)"
    result = manage("shell", "--no-imports", "-c", code, DEBUG="1", AWS_STORAGE_BUCKET_NAME=BUCKET, AWS_LOCATION="media")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", BUCKET, "media"]
