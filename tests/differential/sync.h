/* sync.h - the prelude for running a .ca program with async/await erased
 * (cc -DSYNC -Dasync= -Dawait= -include sync.h -x c PROGRAM.ca): the
 * runtime's awaitables become plain functions that return 0 at once. */
#include <stdint.h>
static inline int ac_yield(void) { return 0; }
static inline int ac_sleep(uint64_t ms) { (void)ms; return 0; }
