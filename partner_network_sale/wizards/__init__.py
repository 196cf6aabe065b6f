from . import sale_order_registration_conflict
