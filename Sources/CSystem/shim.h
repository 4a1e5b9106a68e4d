#ifndef FURIKAERI_CSYSTEM_SHIM_H
#define FURIKAERI_CSYSTEM_SHIM_H
/*
 * The glibc calls furikaeri needs that Swift's Glibc module does not give: those declared only under
 * _GNU_SOURCE, and <malloc.h> (mallopt, malloc_trim), which is not part of that module. Swift's Glibc module is built without _GNU_SOURCE, and
 * defining it here cannot work: the system headers are shared with that module, and with
 * _GNU_SOURCE they would define the same structs differently (clang refuses the mix). So the calls
 * are declared here exactly as glibc declares them, with small wrappers. No `@_silgen_name`
 * anywhere: every C function furikaeri calls comes through a module map.
 */
#include <fcntl.h>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <unistd.h>

#ifdef __linux__
extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);
extern int syncfs(int fd);
extern pid_t gettid(void);

/* renameat2's flag: fail with EEXIST rather than replace the destination. */
static const unsigned int furikaeri_rename_noreplace = 1;
/* renameat2's flag: swap the two names atomically (both must exist). */
static const unsigned int furikaeri_rename_exchange = 2;

/* fcntl(F_SETLEASE, F_RDLCK): a read lease, refused (EAGAIN) while any process has the file open for
   writing. 1024 is F_SETLEASE (F_LINUX_SPECIFIC_BASE + 0). */
static inline int furikaeri_take_read_lease(int fd) { return fcntl(fd, 1024, F_RDLCK); }
/* fcntl(F_SETLEASE, F_UNLCK): gives the lease back. */
static inline int furikaeri_release_lease(int fd) { return fcntl(fd, 1024, F_UNLCK); }

/* Lowers the calling thread's scheduling priority to `nice` (Linux: setpriority on the thread's id
   changes that thread only). An unprivileged thread cannot raise it again. */
static inline int furikaeri_lower_thread_priority(int nice) { return setpriority(PRIO_PROCESS, (id_t)gettid(), nice); }

/* mallopt(M_TRIM_THRESHOLD, bytes): how much freed memory at the top of the heap glibc keeps rather
   than handing back to the system. */
static inline int furikaeri_keep_heap(int bytes) { return mallopt(M_TRIM_THRESHOLD, bytes); }
#endif

#endif
