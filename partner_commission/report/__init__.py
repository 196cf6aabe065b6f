from . import partner_commission_statement
