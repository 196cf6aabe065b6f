from . import test_sale_registration
from . import test_sale_conflict
