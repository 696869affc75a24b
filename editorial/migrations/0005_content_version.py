from django.db import migrations, models

# The sequence hands out version numbers (never rolled back, so a number seen
# inside a rolled-back preview is never reused); the first function moves the
# single row forward; the second is what every content table's statement
# trigger calls (editorial/content_version.py attaches them after migrate).
FUNCTIONS = """
CREATE SEQUENCE IF NOT EXISTS editorial_content_version_seq;

CREATE OR REPLACE FUNCTION editorial_content_version_bump() RETURNS void AS $$
BEGIN
    INSERT INTO editorial_contentversion (id, number, changed_at)
    VALUES (1, nextval('editorial_content_version_seq'), clock_timestamp())
    ON CONFLICT (id) DO UPDATE
        SET number = EXCLUDED.number, changed_at = EXCLUDED.changed_at;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION editorial_content_version_trigger() RETURNS trigger AS $$
BEGIN
    PERFORM editorial_content_version_bump();
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""

DROP_FUNCTIONS = """
DROP FUNCTION IF EXISTS editorial_content_version_trigger() CASCADE;
DROP FUNCTION IF EXISTS editorial_content_version_bump();
DROP SEQUENCE IF EXISTS editorial_content_version_seq;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_reference_content"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(
                        default=1, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("number", models.BigIntegerField(default=0)),
                ("changed_at", models.DateTimeField(null=True)),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("id", 1)), name="one_content_version")
                ],
            },
        ),
        migrations.RunSQL(FUNCTIONS, DROP_FUNCTIONS),
    ]
