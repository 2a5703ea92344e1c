from django.core.management.base import BaseCommand

from clinics.count_buffer import flush_counts


class Command(BaseCommand):
    help = (
        "Add the clinic counts buffered in the cache during a database outage to the "
        "database. Counts are flushed anyway with the next completed check; run this from "
        "cron to be sure nothing waits."
    )

    def handle(self, *args, **options):
        added = flush_counts()
        self.stdout.write(f"Added {added} buffered clinic counts.")
