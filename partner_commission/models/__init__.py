from . import res_company
from . import res_config_settings
from . import partner_commission_rule
from . import partner_commission_line
from . import partner_commission_settlement
from . import account_move
from . import account_partial_reconcile
