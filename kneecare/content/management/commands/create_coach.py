import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kneecare.content.roles import COACHES


class Command(BaseCommand):
    help = (
        "Create a coach: a staff account in the Coaches group that can edit and publish "
        "content and nothing else. The password comes from COACH_PASSWORD or a prompt."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        users = get_user_model()
        if users.objects.filter(username=username).exists():
            raise CommandError(f"A user called {username!r} already exists.")
        password = os.environ.get("COACH_PASSWORD") or getpass.getpass("Password: ")
        user = users(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=COACHES))
        self.stdout.write(f"Coach {username!r} created. Sign in at /admin/.")
