from . import crm_lead
from . import partner_network_demo_request
from . import partner_network_demo_request_portal
from . import partner_network_tier
from . import product_template
from . import sale_order
from . import sale_report
