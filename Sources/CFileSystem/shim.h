#ifndef FURIKAERI_CFILESYSTEM_SHIM_H
#define FURIKAERI_CFILESYSTEM_SHIM_H
/*
 * Linux file-system calls that glibc declares only under _GNU_SOURCE. Swift's Glibc module is built
 * without it, and defining it here would not change that module, so the few calls intake needs are
 * declared here exactly as glibc declares them, with small wrappers for the fcntl commands.
 * <malloc.h> (mallopt, malloc_trim) is not part of the Glibc module either.
 */
#include <fcntl.h>
#include <malloc.h>
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
#endif

#endif
