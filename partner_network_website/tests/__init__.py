from . import test_application
from . import test_directory
from . import test_ui
from . import test_website_form
