"""Demo users. Their password comes from BORDERTWIN_DEMO_PASSWORD (checked by the password validators), or is generated once and printed."""

import os
import secrets
from typing import IO

from bordertwin.access import Role
from bordertwin.core.choices import Side
from bordertwin.places.models import Place

from .models import User
from .services import create_user, grant_role, validate_new_password

# username: (side, superuser, role, place key or None for everywhere, full name)
DEMO_USERS = {
    "admin": (Side.VN, True, None, None, "Quản trị hệ thống"),
    "vn-editor": (Side.VN, False, Role.EDITOR, "VN-2008-P42", "Cán bộ Sở Ngoại vụ Hà Tĩnh"),
    "la-editor": (Side.LA, False, Role.EDITOR, "LA-P-KHAMMOUANE", "ພະນັກງານ ແຂວງຄຳມ່ວນ"),
    "viewer": (Side.VN, False, Role.VIEWER, None, "Người xem"),
}


def load(stdout: IO[str]) -> str:
    password = os.environ.get("BORDERTWIN_DEMO_PASSWORD", "")
    generated = False
    created = []
    for username, (side, superuser, role, place_key, full_name) in DEMO_USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            if not password:
                password = secrets.token_urlsafe(12)
                generated = True
            first, _, last = full_name.partition(" ")
            user = create_user(username=username, password=password, side=side, temporary=False, is_superuser=superuser,
                               is_staff=superuser, first_name=first, last_name=last)
            created.append(username)
        elif os.environ.get("BORDERTWIN_DEMO_PASSWORD") and not user.check_password(password):
            validate_new_password(password, user)
            user.set_password(password)
            user.save(update_fields=["password"])
        if role:
            grant_role(user, role, place=Place.objects.get(key=place_key) if place_key else None)
    if generated:
        stdout.write(f"Demo users {', '.join(created)} were created with the password: {password}\n"
                     "It is shown only now; set BORDERTWIN_DEMO_PASSWORD to choose it.\n")
    return f"{len(created)} demo users created"
