from . import crm_lead_registration_review
from . import crm_lead_registration_transfer
