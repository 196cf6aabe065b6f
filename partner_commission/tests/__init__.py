from . import test_commission_rules
from . import test_commission_ledger
from . import test_commission_settlement
from . import test_commission_security
from . import test_commission_properties
from . import test_commission_concurrency
from . import test_ui
from . import test_portal
