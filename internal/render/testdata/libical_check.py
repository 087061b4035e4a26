# Reads each calendar given on the command line with libical (through its
# GObject introspection data, Debian's gir1.2-ical-3.0), as Evolution and
# other clients built on libical do: parse, then check the RFC 5545 and
# RFC 5546 restrictions. Prints one line per error ("path: X-LIC-ERROR..."),
# then "N calendars, M with errors". Exits 3 when libical cannot be loaded.
import sys

try:
    import gi

    gi.require_version("ICalGLib", "3.0")
    from gi.repository import ICalGLib as ICal
except (ImportError, ValueError) as e:
    print("libical cannot be loaded:", e)
    sys.exit(3)

bad = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        data = f.read()
    comp = ICal.Component.new_from_string(data)
    errors = []
    if comp is None or comp.isa() != ICal.ComponentKind.VCALENDAR_COMPONENT:
        errors.append("libical reads no VCALENDAR in it")
    else:
        comp.check_restrictions()
        text = comp.as_ical_string().replace("\r\n ", "")
        errors = [l.strip() for l in text.splitlines() if l.startswith("X-LIC-ERROR")]
    for e in errors:
        print(path + ": " + e)
    bad += bool(errors)
print(len(sys.argv) - 1, "calendars,", bad, "with errors")
sys.exit(1 if bad else 0)
