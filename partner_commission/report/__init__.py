from . import partner_commission_statement
from . import partner_network_registration_report
