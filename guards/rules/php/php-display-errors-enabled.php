<?php
// ruleid: php-display-errors-enabled
ini_set('display_errors', 1);
// ruleid: php-display-errors-enabled
ini_set("display_startup_errors", "On");
// ruleid: php-display-errors-enabled
ini_set('display_errors', '1');
error_reporting(E_ALL);

// ruleid: php-display-errors-enabled
define('WP_DEBUG', true);
// ruleid: php-display-errors-enabled
define('WP_DEBUG_DISPLAY', true);

// ok: php-display-errors-enabled
ini_set('display_errors', '0');
// ok: php-display-errors-enabled
ini_set('log_errors', '1');
// ok: php-display-errors-enabled
ini_set('display_errors', 'Off');
// ok: php-display-errors-enabled
error_reporting(E_ALL);
// ok: php-display-errors-enabled
define('WP_DEBUG', false);
// ok: php-display-errors-enabled
define('WP_DEBUG_LOG', true);
