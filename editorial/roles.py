"""
The two editorial roles and what each may do.

Groups are created by a data migration; their permissions are (re)assigned after
every migrate, because permissions for content types added by later apps only
exist once those apps have migrated.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

EDITORS = "Editors"
REVIEWERS = "Reviewers"

# Models editors work with besides the publishable ones (inlines and lookups).
SUPPORTING = {
    "editorial.source": ["add", "change", "delete", "view"],
    "editorial.correction": ["add", "change", "delete", "view"],
    "editorial.revision": ["view"],
    "editorial.person": ["view"],
    "editorial.contactmessage": ["view"],
    "editorial.errorfeedback": ["view"],
}


def role_permissions():
    from editorial.models import publishable_models

    editors, reviewers = set(), set()
    for model in publishable_models():
        label = model._meta.label_lower
        editors |= {(label, action) for action in ("add", "change", "view")}
        reviewers |= {(label, action) for action in ("add", "change", "view", "publish")}
    for label, actions in SUPPORTING.items():
        editors |= {(label, action) for action in actions}
        reviewers |= {(label, action) for action in actions}
    reviewers |= {("editorial.person", "add"), ("editorial.person", "change")}
    return {EDITORS: editors, REVIEWERS: reviewers}


def sync_role_permissions(**kwargs):
    for group_name, wanted in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=group_name)
        permissions = []
        for label, action in sorted(wanted):
            model = apps.get_model(label)
            content_type = ContentType.objects.get_for_model(model)
            codename = f"{action}_{model._meta.model_name}"
            permission = Permission.objects.filter(
                content_type=content_type, codename=codename
            ).first()
            if permission is not None:
                permissions.append(permission)
        group.permissions.add(*permissions)
