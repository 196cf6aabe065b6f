from . import partner_network_category
from . import partner_network_role
from . import partner_network_tier
from . import partner_network_agreement
from . import product_pricelist
from . import res_partner
