#include <sqlite3.h>

/// SQLite keeps memory statistics behind one process-wide mutex that every allocation
/// takes (SQLITE_DEFAULT_MEMSTATUS is on in the system library): with reads on several
/// threads, that mutex was the main source of futex calls. Warden never reads the
/// statistics. sqlite3_config is variadic, hence this wrapper; it must run before the
/// library initializes (the first open), and answers SQLITE_MISUSE after.
/// https://www.sqlite.org/c3ref/c_config_covering_index_scan.html#sqliteconfigmemstatus
static inline int warden_sqlite_memstatus_off(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
