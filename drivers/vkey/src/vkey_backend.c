/* vkey_backend.c - SoftHSM2 underneath: finding, loading, (re)initialising it
 * and mapping the serials of its tokens to its slots.
 *
 * SoftHSM2 only sees the tokens that existed when C_Initialize ran, so when a
 * plugged key is unknown to it we finalise and initialise it again - but only
 * while no session is open, because that invalidates SoftHSM2's sessions.
 */

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Loaded once and never unloaded: SoftHSM2 and OpenSSL register exit handlers
 * that must find their code still mapped at exit. */
CK_RV vkey_backend_load(void)
{
    static void *handle;
    if (g_vkey.hsm != NULL)
        return CKR_OK;
    const char *wanted = getenv("NETCA_VKEY_SOFTHSM");
    if (wanted != NULL && wanted[0] != '\0') {
        handle = dlopen(wanted, RTLD_NOW | RTLD_LOCAL);
    } else {
        for (size_t i = 0; handle == NULL && i < sizeof softhsm_candidates / sizeof *softhsm_candidates;
             i++)
            handle = dlopen(softhsm_candidates[i], RTLD_NOW | RTLD_LOCAL);
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
