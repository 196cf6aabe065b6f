from . import prospect_keys
