from . import test_authorship
from . import test_certifications
from . import test_enrolment
from . import test_portal
from . import test_tier_review
from . import test_ui
