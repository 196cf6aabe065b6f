from . import amounts
from . import prospect_keys
