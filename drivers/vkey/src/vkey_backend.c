/* vkey_backend.c - SoftHSM2 underneath: finding, loading, (re)initialising it
 * and mapping the serials of its tokens to its slots.
 *
 * SoftHSM2 only sees the tokens that existed when C_Initialize ran, so when a
 * plugged key is unknown to it we finalise and initialise it again - but only
 * while no session is open, because that invalidates SoftHSM2's sessions.
 */

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/mman.h> /* memfd_create */
#endif

#include "vkey_internal.h"

vkey_global g_vkey = {
    .mu = PTHREAD_MUTEX_INITIALIZER,
    .hsm_lock = PTHREAD_RWLOCK_INITIALIZER,
};

static const char *const softhsm_candidates[] = {
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
    "libsofthsm2.so",
};

void vkey_pad(CK_UTF8CHAR *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (n > size)
        n = size;
    memset(dst, ' ', size);
    memcpy(dst, src, n);
}

static void trim_serial(const CK_CHAR src[16], char out[VKEY_SERIAL_MAX + 1])
{
    size_t n = 16;
    while (n > 0 && (src[n - 1] == ' ' || src[n - 1] == '\0'))
        n--;
    memcpy(out, src, n);
    out[n] = '\0';
}

/* Copies the file at `path` into the open file `out`; 0 when done. */
static int copy_file(const char *path, int out)
{
    int in = open(path, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return -1;
    char buf[65536];
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = read(in, buf, sizeof buf)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = -1;
            break;
        }
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(out, buf + done, (size_t)(n - done));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                rc = -1;
                break;
            }
            done += w;
        }
    }
    close(in);
    return rc;
}

/* SoftHSM2 is one library instance per process: an application that also loads
 * libsofthsm2.so as a PKCS#11 module of its own (the client loads every module it
 * finds) would share our instance - one C_Initialize, one SOFTHSM2_CONF - and see our
 * keys a second time, without the lockout. So we load a private copy of the file: the
 * dynamic loader tells libraries apart by file (device and inode), and SoftHSM2 exports
 * nothing but C_* functions and stateless template code, so the copy shares no state
 * with the original. On Linux the copy lives in a memfd (nothing on disk, no noexec
 * mount in the way); elsewhere, or when that fails, in a file of the state directory
 * that is removed as soon as it is loaded. */
static void *open_private_copy(const char *path)
{
    char name[PATH_MAX];
    void *handle = NULL;
#ifdef __linux__
    int mem = memfd_create("netca-vkey-softhsm2", MFD_CLOEXEC);
    if (mem >= 0) {
        if (copy_file(path, mem) == 0 &&
            snprintf(name, sizeof name, "/proc/self/fd/%d", mem) < (int)sizeof name)
            handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
        close(mem); /* the mapping keeps the memory */
        if (handle != NULL)
            return handle;
    }
#endif
    if (snprintf(name, sizeof name, "%s/.softhsm2-copy-XXXXXX", g_vkey.dir) >= (int)sizeof name)
        return NULL;
    int fd = mkstemp(name);
    if (fd < 0)
        return NULL;
    int copied = copy_file(path, fd) == 0 && fchmod(fd, 0700) == 0;
    close(fd);
    if (copied)
        handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    unlink(name);
    return handle;
}

/* Loaded once and never unloaded: SoftHSM2 and OpenSSL register exit handlers
 * that must find their code still mapped at exit. */
CK_RV vkey_backend_load(void)
{
    static void *handle;
    if (g_vkey.hsm != NULL)
        return CKR_OK;
    const char *wanted = getenv("NETCA_VKEY_SOFTHSM");
    if (wanted != NULL && wanted[0] != '\0') {
        handle = open_private_copy(wanted);
    } else {
        for (size_t i = 0; handle == NULL && i < sizeof softhsm_candidates / sizeof *softhsm_candidates;
             i++) {
            const char *candidate = softhsm_candidates[i];
            if (candidate[0] == '/') {
                if (access(candidate, R_OK) == 0)
                    handle = open_private_copy(candidate);
            } else {
                /* A bare name found by the loader cannot be copied: shared, as a last resort. */
                handle = dlopen(candidate, RTLD_NOW | RTLD_LOCAL);
            }
        }
    }
    if (handle == NULL)
        return CKR_GENERAL_ERROR;
    CK_C_GetFunctionList get_list;
    *(void **)&get_list = dlsym(handle, "C_GetFunctionList");
    if (get_list == NULL || get_list(&g_vkey.hsm) != CKR_OK || g_vkey.hsm == NULL) {
        g_vkey.hsm = NULL;
        return CKR_GENERAL_ERROR;
    }
    return CKR_OK;
}

/* Caller holds mu (and hsm_lock for writing, or is C_Initialize). */
static void rebuild_known(void)
{
    CK_ULONG n = 0;
    g_vkey.nknown = 0;
    if (g_vkey.hsm->C_GetSlotList(CK_FALSE, NULL_PTR, &n) != CKR_OK || n == 0)
        return;
    CK_SLOT_ID *slots = calloc(n, sizeof *slots);
    if (slots == NULL)
        return;
    if (g_vkey.hsm->C_GetSlotList(CK_FALSE, slots, &n) == CKR_OK) {
        for (CK_ULONG i = 0; i < n && g_vkey.nknown < VKEY_MAX_KNOWN; i++) {
            CK_TOKEN_INFO info;
            if (g_vkey.hsm->C_GetTokenInfo(slots[i], &info) != CKR_OK ||
                !(info.flags & CKF_TOKEN_INITIALIZED))
                continue;
            vkey_known *k = &g_vkey.known[g_vkey.nknown++];
            trim_serial(info.serialNumber, k->serial);
            k->hsm_slot = slots[i];
        }
    }
    free(slots);
}

/* SoftHSM2 reads SOFTHSM2_CONF during C_Initialize only; the variable is set
 * for that call and restored right after. */
static CK_RV hsm_initialize(void)
{
    char conf[PATH_MAX];
    if (snprintf(conf, sizeof conf, "%s/softhsm2.conf", g_vkey.dir) >= (int)sizeof conf)
        return CKR_GENERAL_ERROR;
    const char *old = getenv("SOFTHSM2_CONF");
    char *saved = old != NULL ? strdup(old) : NULL;
    setenv("SOFTHSM2_CONF", conf, 1);
    CK_C_INITIALIZE_ARGS args;
    memset(&args, 0, sizeof args);
    args.flags = CKF_OS_LOCKING_OK;
    int fd = vkey_store_lock(g_vkey.dir);
    CK_RV rv = g_vkey.hsm->C_Initialize(&args);
    if (rv == CKR_OK)
        rebuild_known();
    vkey_store_unlock(fd);
    if (saved != NULL) {
        setenv("SOFTHSM2_CONF", saved, 1);
        free(saved);
    } else {
        unsetenv("SOFTHSM2_CONF");
    }
    /* Someone else in this process initialised the same SoftHSM2 with its own
     * configuration: our state directory would not be used. Refuse. */
    if (rv == CKR_CRYPTOKI_ALREADY_INITIALIZED)
        return CKR_GENERAL_ERROR;
    return rv;
}

CK_RV vkey_backend_initialize(void)
{
    g_vkey.last_refresh[0] = '\0';
    return hsm_initialize();
}

void vkey_backend_finalize(void)
{
    g_vkey.hsm->C_Finalize(NULL_PTR);
    g_vkey.nknown = 0;
}

static int is_known(const char *serial)
{
    for (size_t i = 0; i < g_vkey.nknown; i++)
        if (strcmp(g_vkey.known[i].serial, serial) == 0)
            return 1;
    return 0;
}

/* Makes keys created after C_Initialize visible: re-initialises SoftHSM2 when
 * a plugged key is unknown to it and no session is open. Each distinct set of
 * unknown keys is tried once, so a broken entry cannot cause a storm. Called
 * without hsm_lock held. */
void vkey_backend_refresh(const vkey_port ports[VKEY_PORTS])
{
    char unknown[sizeof g_vkey.last_refresh];
    size_t used = 0;
    unknown[0] = '\0';
    pthread_mutex_lock(&g_vkey.mu);
    for (int i = 0; i < VKEY_PORTS; i++) {
        if (ports[i].serial[0] == '\0' || is_known(ports[i].serial))
            continue;
        used += (size_t)snprintf(unknown + used, sizeof unknown - used, "%s,", ports[i].serial);
    }
    int wanted = used > 0 && strcmp(unknown, g_vkey.last_refresh) != 0;
    pthread_mutex_unlock(&g_vkey.mu);
    if (!wanted)
        return;

    pthread_rwlock_wrlock(&g_vkey.hsm_lock);
    pthread_mutex_lock(&g_vkey.mu);
    if (g_vkey.initialized && vkey_sessions_live() == 0 &&
        strcmp(unknown, g_vkey.last_refresh) != 0) {
        memcpy(g_vkey.last_refresh, unknown, sizeof unknown);
        g_vkey.hsm->C_Finalize(NULL_PTR);
        g_vkey.nknown = 0;
        if (hsm_initialize() != CKR_OK)
            g_vkey.initialized = 0; /* every later call answers NOT_INITIALIZED */
    }
    pthread_mutex_unlock(&g_vkey.mu);
    pthread_rwlock_unlock(&g_vkey.hsm_lock);
}

CK_RV vkey_backend_target(CK_SLOT_ID port, const vkey_port ports[VKEY_PORTS], vkey_target *out)
{
    if (port < 1 || port > VKEY_PORTS)
        return CKR_SLOT_ID_INVALID;
    const vkey_port *p = &ports[port - 1];
    if (p->serial[0] == '\0')
        return CKR_TOKEN_NOT_PRESENT;
    CK_RV rv = CKR_TOKEN_NOT_PRESENT;
    pthread_mutex_lock(&g_vkey.mu);
    for (size_t i = 0; i < g_vkey.nknown; i++) {
        if (strcmp(g_vkey.known[i].serial, p->serial) == 0) {
            memcpy(out->serial, p->serial, sizeof out->serial);
            out->plug_id = p->plug_id;
            out->hsm_slot = g_vkey.known[i].hsm_slot;
            rv = CKR_OK;
            break;
        }
    }
    pthread_mutex_unlock(&g_vkey.mu);
    return rv;
}
