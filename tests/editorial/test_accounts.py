import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from editorial.roles import EDITORS, REVIEWERS


def test_roles_exist_with_the_right_permissions(db):
    editors = Group.objects.get(name=EDITORS)
    reviewers = Group.objects.get(name=REVIEWERS)

    editor_codes = set(editors.permissions.values_list("codename", flat=True))
    reviewer_codes = set(reviewers.permissions.values_list("codename", flat=True))
    assert {"add_page", "change_page", "view_page"} <= editor_codes
    assert "publish_page" not in editor_codes
    assert "publish_page" in reviewer_codes


def test_staff_passwords_need_fifteen_characters(db):
    with pytest.raises(ValidationError):
        validate_password("Short-pass-1!")
    validate_password("correct horse battery staple")


def test_admin_login_is_throttled_after_repeated_failures(client, editor):
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "edith", "password": "wrong password guess"})

    response = client.post(url, {"username": "edith", "password": "a long enough passphrase"})

    assert response.status_code == 429
