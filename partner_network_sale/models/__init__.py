from . import crm_lead
from . import sale_order
from . import sale_report
