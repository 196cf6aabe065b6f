from . import partner_network_application
from . import partner_network_application_website
from . import partner_network_category
from . import res_partner
