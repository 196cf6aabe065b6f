from . import access
from . import amounts
from . import cron
from . import form_input
from . import key_fields
from . import locks
from . import prospect_keys
