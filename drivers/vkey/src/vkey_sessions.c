/* vkey_sessions.c - our session handles over SoftHSM2's, and what happens to
 * them when their key is unplugged.
 *
 * Each session remembers the port, serial and plug id of its key. Every call
 * re-reads the ports file; when the key is no longer in that port with that
 * plug id, all its sessions become tombstones: SoftHSM2's sessions are closed
 * (which also logs the token out) and the tombstones answer CKR_DEVICE_REMOVED
 * until the application closes them (C_CloseSession then answers CKR_OK, and
 * the handle is invalid from then on, CKR_SESSION_HANDLE_INVALID).
 */
#include <stdlib.h>
#include <string.h>

#include "vkey_internal.h"

static vkey_session *table;
static size_t count, capacity;
static CK_SESSION_HANDLE next_handle = 1;

static vkey_session *find(CK_SESSION_HANDLE handle)
{
    for (size_t i = 0; i < count; i++)
        if (table[i].handle == handle)
            return &table[i];
    return NULL;
}

static void drop(vkey_session *s)
{
    size_t i = (size_t)(s - table);
    memmove(&table[i], &table[i + 1], (count - i - 1) * sizeof *table);
    count--;
}

/* Caller holds mu. */
CK_RV vkey_sessions_add(const vkey_session *s, CK_SESSION_HANDLE *handle)
{
    if (count == capacity) {
        size_t cap = capacity ? capacity * 2 : 16;
        vkey_session *t = realloc(table, cap * sizeof *t);
        if (t == NULL)
            return CKR_HOST_MEMORY;
        table = t;
        capacity = cap;
    }
    table[count] = *s;
    table[count].handle = next_handle++;
    table[count].removed = 0;
    table[count].sm2_mech = 0;
    table[count].sm2_key = 0;
    *handle = table[count].handle;
    count++;
    return CKR_OK;
}

/* Caller holds mu. */
size_t vkey_sessions_live(void)
{
    size_t live = 0;
    for (size_t i = 0; i < count; i++)
        live += !table[i].removed;
    return live;
}

/* Caller holds mu and hsm_lock for reading. */
static void mark_removed(const char *serial, unsigned long long plug_id)
{
    for (size_t i = 0; i < count; i++) {
        vkey_session *s = &table[i];
        if (s->removed || s->plug_id != plug_id || strcmp(s->serial, serial) != 0)
            continue;
        g_vkey.hsm->C_CloseSession(s->hsm_handle);
        s->removed = 1;
    }
}

static int still_plugged(const vkey_session *s, const vkey_port ports[VKEY_PORTS])
{
    const vkey_port *p = &ports[s->port - 1];
    return p->plug_id == s->plug_id && strcmp(p->serial, s->serial) == 0;
}

/* On CKR_OK the caller holds hsm_lock for reading until vkey_session_end. */
CK_RV vkey_session_begin(CK_SESSION_HANDLE handle, vkey_session *out)
{
    vkey_port ports[VKEY_PORTS];
    CK_RV rv;
    if (!g_vkey.initialized)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    vkey_state_read_ports(g_vkey.dir, ports);
    pthread_rwlock_rdlock(&g_vkey.hsm_lock);
    pthread_mutex_lock(&g_vkey.mu);
    vkey_session *s = find(handle);
    if (!g_vkey.initialized) {
        rv = CKR_CRYPTOKI_NOT_INITIALIZED;
    } else if (s == NULL) {
        rv = CKR_SESSION_HANDLE_INVALID;
    } else if (s->removed) {
        rv = CKR_DEVICE_REMOVED;
    } else if (!still_plugged(s, ports)) {
        mark_removed(s->serial, s->plug_id);
        rv = CKR_DEVICE_REMOVED;
    } else {
        *out = *s;
        rv = CKR_OK;
    }
    pthread_mutex_unlock(&g_vkey.mu);
    if (rv != CKR_OK)
        pthread_rwlock_unlock(&g_vkey.hsm_lock);
    return rv;
}

/* A session that SoftHSM2 no longer knows because the key went away in the
 * meantime answers CKR_DEVICE_REMOVED, like the rest of its tombstone life. */
CK_RV vkey_session_end(CK_SESSION_HANDLE handle, CK_RV rv)
{
    if (rv == CKR_SESSION_HANDLE_INVALID || rv == CKR_SESSION_CLOSED) {
        pthread_mutex_lock(&g_vkey.mu);
        vkey_session *s = find(handle);
        if (s != NULL && s->removed)
            rv = CKR_DEVICE_REMOVED;
        pthread_mutex_unlock(&g_vkey.mu);
    }
    pthread_rwlock_unlock(&g_vkey.hsm_lock);
    return rv;
}

CK_RV vkey_session_close(CK_SESSION_HANDLE handle)
{
    CK_RV rv = CKR_OK;
    if (!g_vkey.initialized)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    pthread_rwlock_rdlock(&g_vkey.hsm_lock);
    pthread_mutex_lock(&g_vkey.mu);
    vkey_session *s = find(handle);
    if (s == NULL) {
        rv = CKR_SESSION_HANDLE_INVALID;
    } else {
        if (!s->removed)
            g_vkey.hsm->C_CloseSession(s->hsm_handle);
        drop(s);
    }
    pthread_mutex_unlock(&g_vkey.mu);
    pthread_rwlock_unlock(&g_vkey.hsm_lock);
    return rv;
}

/* Begins (mech != 0) or ends (mech == 0) the session's SM2 signing operation. */
void vkey_session_set_sm2(CK_SESSION_HANDLE handle, CK_MECHANISM_TYPE mech, CK_OBJECT_HANDLE key)
{
    pthread_mutex_lock(&g_vkey.mu);
    vkey_session *s = find(handle);
    if (s != NULL) {
        s->sm2_mech = mech;
        s->sm2_key = key;
    }
    pthread_mutex_unlock(&g_vkey.mu);
}

/* Caller holds hsm_lock for reading. */
void vkey_sessions_close_port(CK_SLOT_ID port)
{
    pthread_mutex_lock(&g_vkey.mu);
    for (size_t i = count; i-- > 0;) {
        if (table[i].port != port)
            continue;
        if (!table[i].removed)
            g_vkey.hsm->C_CloseSession(table[i].hsm_handle);
        drop(&table[i]);
    }
    pthread_mutex_unlock(&g_vkey.mu);
}

/* Caller holds mu; SoftHSM2 is finalised right after, closing its sessions. */
void vkey_sessions_clear(void)
{
    free(table);
    table = NULL;
    count = capacity = 0;
}
