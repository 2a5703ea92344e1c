from django.core.management.base import BaseCommand

from kneecare.content.seeding import seed_content


class Command(BaseCommand):
    help = "Seed the guidance content; records a coach has edited are left as they are."

    def handle(self, *args, **options):
        report = seed_content()
        self.stdout.write(f"Content seeded: {report}")
        for label in report.kept:
            self.stdout.write(f"  kept (edited by a coach): {label}")
