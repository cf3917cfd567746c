/* vkey_internal.h - shared declarations of the virtual USB key module. */
#ifndef VKEY_INTERNAL_H
#define VKEY_INTERNAL_H 1

#include <limits.h>
#include <pthread.h>
#include <stddef.h>

#include "netca_vkey.h"

/* Fixed "USB ports": slot IDs 1..VKEY_PORTS. The CLI uses the same number. */
#define VKEY_PORTS 8
#define VKEY_SERIAL_MAX 16 /* CK_TOKEN_INFO.serialNumber is 16 characters */
#define VKEY_MAX_KNOWN 256 /* SoftHSM tokens mapped after one initialisation */

/* --- state directory (vkey_state.c) ------------------------------------ */

typedef struct vkey_port {
    char serial[VKEY_SERIAL_MAX + 1]; /* "" when the port is free */
    unsigned long long plug_id;       /* changes on every plug */
} vkey_port;

typedef struct vkey_counters {
    CK_ULONG user_left, user_max, so_left, so_max;
} vkey_counters;

int vkey_state_resolve_dir(char *out, size_t size);
int vkey_state_prepare(char dir[PATH_MAX]);
void vkey_state_read_ports(const char *dir, vkey_port ports[VKEY_PORTS]);
int vkey_store_lock(const char *dir);
void vkey_store_unlock(int fd);
int vkey_counters_read(const char *dir, const char *serial, vkey_counters *out);
int vkey_counters_write(const char *dir, const char *serial, const vkey_counters *c);
void vkey_counters_flags(const vkey_counters *c, CK_FLAGS *flags);

/* --- SoftHSM2 underneath (vkey_backend.c) ------------------------------ */

typedef struct vkey_known {
    char serial[VKEY_SERIAL_MAX + 1];
    CK_SLOT_ID hsm_slot;
} vkey_known;

/* One token as seen through a port, resolved against the current state. */
typedef struct vkey_target {
    char serial[VKEY_SERIAL_MAX + 1];
    unsigned long long plug_id;
    CK_SLOT_ID hsm_slot;
} vkey_target;

typedef struct vkey_global {
    int initialized;
    char dir[PATH_MAX];
    CK_FUNCTION_LIST_PTR hsm;
    vkey_known known[VKEY_MAX_KNOWN];
    size_t nknown;
    char last_refresh[VKEY_PORTS * (VKEY_SERIAL_MAX + 1) + 1];
    pthread_mutex_t mu;        /* guards everything in this struct and the sessions */
    pthread_rwlock_t hsm_lock; /* held for reading around calls into SoftHSM */
} vkey_global;

extern vkey_global g_vkey;

CK_RV vkey_backend_load(void);
CK_RV vkey_backend_initialize(void);
void vkey_backend_finalize(void);
void vkey_backend_refresh(const vkey_port ports[VKEY_PORTS]);
CK_RV vkey_backend_target(CK_SLOT_ID port, const vkey_port ports[VKEY_PORTS], vkey_target *out);
void vkey_pad(CK_UTF8CHAR *dst, size_t size, const char *src);

/* --- sessions (vkey_sessions.c) ---------------------------------------- */

typedef struct vkey_session {
    CK_SESSION_HANDLE handle;     /* ours, never reused */
    CK_SESSION_HANDLE hsm_handle; /* SoftHSM's */
    CK_SLOT_ID port;
    char serial[VKEY_SERIAL_MAX + 1];
    unsigned long long plug_id;
    int removed; /* the key was unplugged: SoftHSM's session is already closed */
    /* an SM2 signing operation begun by C_SignInit (vkey_sm2.c), else 0 */
    CK_MECHANISM_TYPE sm2_mech;
    CK_OBJECT_HANDLE sm2_key;
} vkey_session;

CK_RV vkey_sessions_add(const vkey_session *s, CK_SESSION_HANDLE *handle);
size_t vkey_sessions_live(void);
CK_RV vkey_session_begin(CK_SESSION_HANDLE handle, vkey_session *out);
CK_RV vkey_session_end(CK_SESSION_HANDLE handle, CK_RV rv);
CK_RV vkey_session_close(CK_SESSION_HANDLE handle);
void vkey_sessions_close_port(CK_SLOT_ID port);
void vkey_sessions_clear(void);
void vkey_session_set_sm2(CK_SESSION_HANDLE handle, CK_MECHANISM_TYPE mech, CK_OBJECT_HANDLE key);

/* --- SM2 behind the vendor mechanism profile (vkey_sm2.c) -------------- */

CK_ULONG vkey_sm2_mechanism_count(void);
void vkey_sm2_append_mechanisms(CK_MECHANISM_TYPE_PTR list);
int vkey_sm2_mechanism_info(CK_MECHANISM_TYPE type, CK_MECHANISM_INFO_PTR info);
int vkey_sm2_is_sign_mechanism(CK_MECHANISM_TYPE m);
int vkey_is_ecdsa(CK_MECHANISM_TYPE m);
int vkey_sm2_is_sm2_key(CK_SESSION_HANDLE hh, CK_OBJECT_HANDLE obj, CK_OBJECT_CLASS *cls);
int vkey_sm2_is_keygen(CK_MECHANISM_PTR m, CK_ATTRIBUTE_PTR pub, CK_ULONG n_pub);
CK_RV vkey_sm2_generate(CK_SESSION_HANDLE hh, CK_ATTRIBUTE_PTR pub, CK_ULONG n_pub,
                        CK_ATTRIBUTE_PTR priv, CK_ULONG n_priv, CK_OBJECT_HANDLE_PTR h_pub,
                        CK_OBJECT_HANDLE_PTR h_priv);
CK_RV vkey_sm2_sign(CK_SESSION_HANDLE hh, CK_OBJECT_HANDLE key, CK_MECHANISM_TYPE mech,
                    CK_BYTE_PTR data, CK_ULONG len, CK_BYTE_PTR sig, CK_ULONG_PTR sig_len,
                    int *keep);
CK_RV vkey_sm2_hide(CK_SESSION_HANDLE hh, CK_OBJECT_HANDLE obj, CK_ATTRIBUTE_PTR t, CK_ULONG n,
                    CK_RV rv);

#endif /* VKEY_INTERNAL_H */
