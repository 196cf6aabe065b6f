from . import test_sale_registration
from . import test_sale_conflict
from . import test_demo_request
from . import test_demo_portal
from . import test_demo_request_concurrency
