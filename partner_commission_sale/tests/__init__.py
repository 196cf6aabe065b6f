from . import test_sale_invoice_credit
from . import test_ui
