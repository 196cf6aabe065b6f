from . import partner_network_course_mixin
from . import partner_network_category
from . import partner_network_tier
from . import res_partner
from . import res_partner_tier_review
from . import res_users
from . import slide_channel
from . import survey_user_input
