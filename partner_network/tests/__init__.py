from . import test_network_structure
from . import test_network_state
from . import test_tier_pricelist
from . import test_agreement
from . import test_security
from . import test_translations
