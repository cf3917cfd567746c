/* vkey_state.c - the state directory shared with the netca-vkey CLI.
 *
 * Layout (the CLI in netca_vkey/state.py writes the same files):
 *   softhsm2.conf               SoftHSM2 configuration, tokendir = softhsm/
 *   softhsm/<uuid>/             SoftHSM2's own token directories
 *   ports                       "<port> <serial> <plug-id>" per plugged key,
 *                               replaced atomically (rename) by the CLI
 *   keys/<serial>/pin-counters  user_tries_left=.. user_max_tries=..
 *                               so_tries_left=.. so_max_tries=.. (one a line)
 *   softhsm.lock                flock()ed around SoftHSM2 file access and
 *                               counter updates (vkey_store_lock)
 */

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vkey_internal.h"

static const char *home_dir(void)
{
    const char *home = getenv("HOME");
    if (home != NULL && home[0] != '\0')
        return home;
    struct passwd *pw = getpwuid(getuid());
    return pw != NULL ? pw->pw_dir : "/";
}

static int is_blank(const char *s)
{
    for (; *s != '\0'; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    return 1;
}

/* NETCA_VKEY_DIR, else platformdirs' user_data_dir("netca-vkey"). */
int vkey_state_resolve_dir(char *out, size_t size)
{
    const char *dir = getenv("NETCA_VKEY_DIR");
    int n;
    if (dir != NULL && dir[0] != '\0') {
        n = snprintf(out, size, "%s", dir);
    } else {
#ifdef __APPLE__
        n = snprintf(out, size, "%s/Library/Application Support/netca-vkey", home_dir());
#else
        const char *xdg = getenv("XDG_DATA_HOME");
        if (xdg != NULL && !is_blank(xdg))
            n = snprintf(out, size, "%s/netca-vkey", xdg);
        else
            n = snprintf(out, size, "%s/.local/share/netca-vkey", home_dir());
#endif
    }
    return (n > 0 && (size_t)n < size) ? 0 : -1;
}

static int make_dirs(const char *path)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return -1;
    for (char *p = buf + 1; *p != '\0'; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return (mkdir(buf, 0700) == 0 || errno == EEXIST) ? 0 : -1;
}

/* Creates the directory, softhsm/ and softhsm2.conf when missing, so that
 * SoftHSM2 starts even before the CLI created a first key. Makes `dir`
 * absolute: a relative NETCA_VKEY_DIR must not change meaning when the
 * application changes its working directory later. */
int vkey_state_prepare(char dir[PATH_MAX])
{
    char path[PATH_MAX], tmp[PATH_MAX];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/softhsm", dir) >= (int)sizeof path)
        return -1;
    if (make_dirs(path) != 0 || realpath(dir, tmp) == NULL)
        return -1;
    memcpy(dir, tmp, PATH_MAX);
    if (snprintf(path, sizeof path, "%s/softhsm2.conf", dir) >= (int)sizeof path)
        return -1;
    if (stat(path, &st) == 0)
        return 0;
    if (snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid()) >= (int)sizeof tmp)
        return -1;
    FILE *f = fopen(tmp, "w");
    if (f == NULL)
        return -1;
    fprintf(f,
            "# written by netca-vkey: SoftHSM2 under the virtual USB keys\n"
            "directories.tokendir = %s/softhsm/\n"
            "objectstore.backend = file\n"
            "log.level = ERROR\n"
            "slots.removable = true\n"
            "slots.mechanisms = ALL\n"
            "library.reset_on_fork = false\n",
            dir);
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

static int valid_serial(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > VKEY_SERIAL_MAX)
        return 0;
    for (; *s != '\0'; s++) {
        char c = *s;
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return 0;
    }
    return 1;
}

/* Re-read on every call: the CLI replaces the file atomically, so a plain
 * read never sees half a file. A missing or unreadable file means no key. */
void vkey_state_read_ports(const char *dir, vkey_port ports[VKEY_PORTS])
{
    char path[PATH_MAX], line[256], serial[64];
    memset(ports, 0, sizeof(vkey_port) * VKEY_PORTS);
    if (snprintf(path, sizeof path, "%s/ports", dir) >= (int)sizeof path)
        return;
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f) != NULL) {
        unsigned long port;
        unsigned long long plug_id;
        if (line[0] == '#')
            continue;
        if (sscanf(line, "%lu %63s %llu", &port, serial, &plug_id) != 3)
            continue;
        if (port < 1 || port > VKEY_PORTS || !valid_serial(serial))
            continue;
        memcpy(ports[port - 1].serial, serial, strlen(serial) + 1); /* valid_serial: <= 16 */
        ports[port - 1].plug_id = plug_id;
    }
    fclose(f);
}

static int counters_path(char *out, size_t size, const char *dir, const char *serial,
                         const char *suffix)
{
    int n = snprintf(out, size, "%s/keys/%s/pin-counters%s", dir, serial, suffix);
    return (n > 0 && (size_t)n < size) ? 0 : -1;
}

/* Exclusive flock on softhsm.lock, the one lock for everything that writes or
 * must read whole SoftHSM2 files: SoftHSM2 rewrites token.object in place
 * (truncate, then write) on every login, PIN change or re-initialisation, and
 * another process reading it meanwhile - in C_Initialize or C_GetTokenInfo -
 * sees a token that is not there. Measured: 29 of 100 initialisations missed
 * the token while another process entered wrong PINs. The same lock makes the
 * counters' read-modify-write atomic. Each call opens its own file
 * description, so threads of one process exclude each other too. */
int vkey_store_lock(const char *dir)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/softhsm.lock", dir) >= (int)sizeof path)
        return -1;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    while (flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            close(fd);
            return -1;
        }
    }
    return fd;
}

void vkey_store_unlock(int fd)
{
    if (fd >= 0) {
        flock(fd, LOCK_UN);
        close(fd);
    }
}

int vkey_counters_read(const char *dir, const char *serial, vkey_counters *out)
{
    char path[PATH_MAX], line[128];
    int seen = 0;
    if (!valid_serial(serial) || counters_path(path, sizeof path, dir, serial, "") != 0)
        return -1;
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL) {
        unsigned long v;
        if (sscanf(line, "user_tries_left=%lu", &v) == 1) {
            out->user_left = v;
            seen |= 1;
        } else if (sscanf(line, "user_max_tries=%lu", &v) == 1) {
            out->user_max = v;
            seen |= 2;
        } else if (sscanf(line, "so_tries_left=%lu", &v) == 1) {
            out->so_left = v;
            seen |= 4;
        } else if (sscanf(line, "so_max_tries=%lu", &v) == 1) {
            out->so_max = v;
            seen |= 8;
        }
    }
    fclose(f);
    if (seen != 15 || out->user_max == 0 || out->so_max == 0 || out->user_left > out->user_max ||
        out->so_left > out->so_max)
        return -1;
    return 0;
}

/* Written to a temporary file, synced, then renamed over the old one: a crash
 * leaves either the old or the new counters, never a torn file. Call it with
 * the lock held. */
int vkey_counters_write(const char *dir, const char *serial, const vkey_counters *c)
{
    char path[PATH_MAX], tmp[PATH_MAX];
    if (counters_path(path, sizeof path, dir, serial, "") != 0 ||
        counters_path(tmp, sizeof tmp, dir, serial, ".tmp") != 0)
        return -1;
    FILE *f = fopen(tmp, "we");
    if (f == NULL)
        return -1;
    fprintf(f, "user_tries_left=%lu\nuser_max_tries=%lu\nso_tries_left=%lu\nso_max_tries=%lu\n",
            c->user_left, c->user_max, c->so_left, c->so_max);
    int ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
    if (fclose(f) != 0 || !ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

/* PKCS#11 flags from the counters: COUNT_LOW after a failure (0 < left < max),
 * FINAL_TRY at one left, LOCKED at zero. */
void vkey_counters_flags(const vkey_counters *c, CK_FLAGS *flags)
{
    *flags &= ~(CK_FLAGS)(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED |
                          CKF_SO_PIN_COUNT_LOW | CKF_SO_PIN_FINAL_TRY | CKF_SO_PIN_LOCKED);
    if (c->user_left == 0)
        *flags |= CKF_USER_PIN_LOCKED;
    else if (c->user_left < c->user_max)
        *flags |= CKF_USER_PIN_COUNT_LOW;
    if (c->user_left == 1)
        *flags |= CKF_USER_PIN_FINAL_TRY;
    if (c->so_left == 0)
        *flags |= CKF_SO_PIN_LOCKED;
    else if (c->so_left < c->so_max)
        *flags |= CKF_SO_PIN_COUNT_LOW;
    if (c->so_left == 1)
        *flags |= CKF_SO_PIN_FINAL_TRY;
}
