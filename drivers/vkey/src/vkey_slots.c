/* vkey_slots.c - library- and slot-level PKCS#11 functions: the fixed "USB
 * ports", key presence (the ports file is re-read on every call), token info
 * with our PIN flags, sessions opening, C_InitToken, and the vendor function.
 */
#include <stdio.h>
#include <string.h>

#include "vkey_internal.h"

extern CK_FUNCTION_LIST vkey_function_list;

static CK_RV check_init_args(CK_VOID_PTR pInitArgs)
{
    if (pInitArgs == NULL_PTR)
        return CKR_OK;
    CK_C_INITIALIZE_ARGS *a = pInitArgs;
    if (a->pReserved != NULL_PTR)
        return CKR_ARGUMENTS_BAD;
    int given = (a->CreateMutex != NULL_PTR) + (a->DestroyMutex != NULL_PTR) +
                (a->LockMutex != NULL_PTR) + (a->UnlockMutex != NULL_PTR);
    /* All or none; with or without them we use pthreads, which is what
     * CKF_OS_LOCKING_OK allows and what callers supplying mutexes get too. */
    return (given == 0 || given == 4) ? CKR_OK : CKR_ARGUMENTS_BAD;
}

CK_RV C_Initialize(CK_VOID_PTR pInitArgs)
{
    CK_RV rv = check_init_args(pInitArgs);
    if (rv != CKR_OK)
        return rv;
    pthread_rwlock_wrlock(&g_vkey.hsm_lock);
    pthread_mutex_lock(&g_vkey.mu);
    if (g_vkey.initialized) {
        rv = CKR_CRYPTOKI_ALREADY_INITIALIZED;
    } else if (vkey_state_resolve_dir(g_vkey.dir, sizeof g_vkey.dir) != 0 ||
               vkey_state_prepare(g_vkey.dir) != 0) {
        rv = CKR_GENERAL_ERROR;
    } else if ((rv = vkey_backend_load()) == CKR_OK && (rv = vkey_backend_initialize()) == CKR_OK) {
        g_vkey.initialized = 1;
    }
    pthread_mutex_unlock(&g_vkey.mu);
    pthread_rwlock_unlock(&g_vkey.hsm_lock);
    return rv;
}

CK_RV C_Finalize(CK_VOID_PTR pReserved)
{
    CK_RV rv = CKR_OK;
    if (pReserved != NULL_PTR)
        return CKR_ARGUMENTS_BAD;
    pthread_rwlock_wrlock(&g_vkey.hsm_lock);
    pthread_mutex_lock(&g_vkey.mu);
    if (!g_vkey.initialized) {
        rv = CKR_CRYPTOKI_NOT_INITIALIZED;
    } else {
        vkey_sessions_clear();
        vkey_backend_finalize();
        g_vkey.initialized = 0;
    }
    pthread_mutex_unlock(&g_vkey.mu);
    pthread_rwlock_unlock(&g_vkey.hsm_lock);
    return rv;
}

CK_RV C_GetInfo(CK_INFO_PTR pInfo)
{
    if (!g_vkey.initialized)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    if (pInfo == NULL_PTR)
        return CKR_ARGUMENTS_BAD;
    memset(pInfo, 0, sizeof *pInfo);
    pInfo->cryptokiVersion.major = 2;
    pInfo->cryptokiVersion.minor = 40;
    vkey_pad(pInfo->manufacturerID, sizeof pInfo->manufacturerID, "netca-vkey");
    vkey_pad(pInfo->libraryDescription, sizeof pInfo->libraryDescription,
             "netca virtual USB key over SoftHSM2");
    pInfo->libraryVersion.major = 0;
    pInfo->libraryVersion.minor = 1;
    return CKR_OK;
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR ppFunctionList)
{
    if (ppFunctionList == NULL_PTR)
        return CKR_ARGUMENTS_BAD;
    *ppFunctionList = &vkey_function_list;
    return CKR_OK;
}

/* Reads the ports, lets SoftHSM2 learn new keys, resolves the port. On CKR_OK
 * the caller holds hsm_lock for reading and must release it. */
static CK_RV slot_begin(CK_SLOT_ID port, vkey_target *t)
{
    vkey_port ports[VKEY_PORTS];
    if (!g_vkey.initialized)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    if (port < 1 || port > VKEY_PORTS)
        return CKR_SLOT_ID_INVALID;
    vkey_state_read_ports(g_vkey.dir, ports);
    vkey_backend_refresh(ports);
    pthread_rwlock_rdlock(&g_vkey.hsm_lock);
    CK_RV rv = g_vkey.initialized ? vkey_backend_target(port, ports, t)
                                  : CKR_CRYPTOKI_NOT_INITIALIZED;
    if (rv != CKR_OK)
        pthread_rwlock_unlock(&g_vkey.hsm_lock);
    return rv;
}

static CK_RV slot_end(CK_RV rv)
{
    pthread_rwlock_unlock(&g_vkey.hsm_lock);
    return rv;
}

CK_RV C_GetSlotList(CK_BBOOL tokenPresent, CK_SLOT_ID_PTR pSlotList, CK_ULONG_PTR pulCount)
{
    vkey_port ports[VKEY_PORTS];
    CK_SLOT_ID ids[VKEY_PORTS];
    CK_ULONG n = 0;
    if (!g_vkey.initialized)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    if (pulCount == NULL_PTR)
        return CKR_ARGUMENTS_BAD;
    vkey_state_read_ports(g_vkey.dir, ports);
    vkey_backend_refresh(ports);
    for (CK_SLOT_ID port = 1; port <= VKEY_PORTS; port++) {
        vkey_target t;
        if (!tokenPresent || vkey_backend_target(port, ports, &t) == CKR_OK)
            ids[n++] = port;
    }
    if (pSlotList == NULL_PTR) {
        *pulCount = n;
        return CKR_OK;
    }
    if (*pulCount < n) {
        *pulCount = n;
        return CKR_BUFFER_TOO_SMALL;
    }
    memcpy(pSlotList, ids, n * sizeof *ids);
    *pulCount = n;
    return CKR_OK;
}

CK_RV C_GetSlotInfo(CK_SLOT_ID slotID, CK_SLOT_INFO_PTR pInfo)
{
    vkey_target t;
    char description[64];
    if (!g_vkey.initialized)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    if (pInfo == NULL_PTR)
        return CKR_ARGUMENTS_BAD;
    CK_RV rv = slot_begin(slotID, &t);
    if (rv == CKR_OK)
        slot_end(rv);
    else if (rv != CKR_TOKEN_NOT_PRESENT)
        return rv;
    memset(pInfo, 0, sizeof *pInfo);
    snprintf(description, sizeof description, "netca-vkey virtual USB port %lu", slotID);
    vkey_pad(pInfo->slotDescription, sizeof pInfo->slotDescription, description);
    vkey_pad(pInfo->manufacturerID, sizeof pInfo->manufacturerID, "netca-vkey");
    pInfo->flags = CKF_REMOVABLE_DEVICE | CKF_HW_SLOT | (rv == CKR_OK ? CKF_TOKEN_PRESENT : 0);
    pInfo->hardwareVersion.major = 1;
    pInfo->firmwareVersion.major = 1;
    return CKR_OK;
}

CK_RV C_GetTokenInfo(CK_SLOT_ID slotID, CK_TOKEN_INFO_PTR pInfo)
{
    vkey_target t;
    vkey_counters c;
    if (pInfo == NULL_PTR)
        return g_vkey.initialized ? CKR_ARGUMENTS_BAD : CKR_CRYPTOKI_NOT_INITIALIZED;
    CK_RV rv = slot_begin(slotID, &t);
    if (rv != CKR_OK)
        return rv;
    int fd = vkey_store_lock(g_vkey.dir);
    rv = g_vkey.hsm->C_GetTokenInfo(t.hsm_slot, pInfo);
    vkey_store_unlock(fd);
    rv = slot_end(rv);
    if (rv != CKR_OK)
        return rv;
    if (vkey_counters_read(g_vkey.dir, t.serial, &c) != 0)
        return CKR_DEVICE_ERROR;
    vkey_pad(pInfo->manufacturerID, sizeof pInfo->manufacturerID, "netca-vkey");
    vkey_pad(pInfo->model, sizeof pInfo->model, "vkey");
    vkey_counters_flags(&c, &pInfo->flags);
    return CKR_OK;
}

CK_RV C_GetMechanismList(CK_SLOT_ID slotID, CK_MECHANISM_TYPE_PTR pMechanismList,
                         CK_ULONG_PTR pulCount)
{
    vkey_target t;
    CK_RV rv = slot_begin(slotID, &t);
    if (rv != CKR_OK)
        return rv;
    if (pulCount == NULL)
        return slot_end(CKR_ARGUMENTS_BAD);
    /* SoftHSM2's mechanisms, then the SM2 ones of the vendor profile (vkey_sm2.c). */
    CK_ULONG own = 0, extra = vkey_sm2_mechanism_count();
    rv = g_vkey.hsm->C_GetMechanismList(t.hsm_slot, NULL_PTR, &own);
    if (rv != CKR_OK || pMechanismList == NULL_PTR) {
        if (rv == CKR_OK)
            *pulCount = own + extra;
        return slot_end(rv);
    }
    if (*pulCount < own + extra) {
        *pulCount = own + extra;
        return slot_end(CKR_BUFFER_TOO_SMALL);
    }
    rv = g_vkey.hsm->C_GetMechanismList(t.hsm_slot, pMechanismList, &own);
    if (rv == CKR_OK) {
        vkey_sm2_append_mechanisms(pMechanismList + own);
        *pulCount = own + extra;
    }
    return slot_end(rv);
}

CK_RV C_GetMechanismInfo(CK_SLOT_ID slotID, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO_PTR pInfo)
{
    vkey_target t;
    CK_RV rv = slot_begin(slotID, &t);
    if (rv != CKR_OK)
        return rv;
    if (pInfo != NULL_PTR && vkey_sm2_mechanism_info(type, pInfo))
        return slot_end(CKR_OK);
    return slot_end(g_vkey.hsm->C_GetMechanismInfo(t.hsm_slot, type, pInfo));
}

/* The SO PIN counts here too; success re-initialises the token, so both
 * counters start afresh. */
CK_RV C_InitToken(CK_SLOT_ID slotID, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen,
                  CK_UTF8CHAR_PTR pLabel)
{
    vkey_target t;
    vkey_counters c;
    CK_RV rv = slot_begin(slotID, &t);
    if (rv != CKR_OK)
        return rv;
    int fd = vkey_store_lock(g_vkey.dir);
    if (fd < 0 || vkey_counters_read(g_vkey.dir, t.serial, &c) != 0) {
        rv = CKR_DEVICE_ERROR;
    } else if (c.so_left == 0) {
        rv = CKR_PIN_LOCKED;
    } else {
        rv = g_vkey.hsm->C_InitToken(t.hsm_slot, pPin, ulPinLen, pLabel);
        if (rv == CKR_PIN_INCORRECT) {
            c.so_left--;
            if (vkey_counters_write(g_vkey.dir, t.serial, &c) != 0)
                rv = CKR_DEVICE_ERROR;
        } else if (rv == CKR_OK) {
            c.so_left = c.so_max;
            c.user_left = c.user_max;
            if (vkey_counters_write(g_vkey.dir, t.serial, &c) != 0)
                rv = CKR_DEVICE_ERROR;
        }
    }
    vkey_store_unlock(fd);
    return slot_end(rv);
}

CK_RV C_WaitForSlotEvent(CK_FLAGS flags, CK_SLOT_ID_PTR pSlot, CK_VOID_PTR pReserved)
{
    (void)flags;
    (void)pSlot;
    (void)pReserved;
    /* Poll C_GetSlotList instead (docs/vkey.md, ARCHITECTURE.md). */
    return g_vkey.initialized ? CKR_FUNCTION_NOT_SUPPORTED : CKR_CRYPTOKI_NOT_INITIALIZED;
}

/* The application's notification callback is not passed down: SoftHSM2 would
 * call it with its own handle, and it never calls it anyway. */
CK_RV C_OpenSession(CK_SLOT_ID slotID, CK_FLAGS flags, CK_VOID_PTR pApplication, CK_NOTIFY Notify,
                    CK_SESSION_HANDLE_PTR phSession)
{
    vkey_target t;
    CK_SESSION_HANDLE hsm_handle;
    (void)pApplication;
    (void)Notify;
    if (phSession == NULL_PTR)
        return g_vkey.initialized ? CKR_ARGUMENTS_BAD : CKR_CRYPTOKI_NOT_INITIALIZED;
    CK_RV rv = slot_begin(slotID, &t);
    if (rv != CKR_OK)
        return rv;
    rv = g_vkey.hsm->C_OpenSession(t.hsm_slot, flags, NULL_PTR, NULL_PTR, &hsm_handle);
    if (rv == CKR_OK) {
        vkey_session s;
        memset(&s, 0, sizeof s);
        s.hsm_handle = hsm_handle;
        s.port = slotID;
        memcpy(s.serial, t.serial, sizeof s.serial);
        s.plug_id = t.plug_id;
        pthread_mutex_lock(&g_vkey.mu);
        rv = vkey_sessions_add(&s, phSession);
        pthread_mutex_unlock(&g_vkey.mu);
        if (rv != CKR_OK)
            g_vkey.hsm->C_CloseSession(hsm_handle);
    }
    return slot_end(rv);
}

CK_RV C_CloseSession(CK_SESSION_HANDLE hSession)
{
    return vkey_session_close(hSession);
}

CK_RV C_CloseAllSessions(CK_SLOT_ID slotID)
{
    if (!g_vkey.initialized)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    if (slotID < 1 || slotID > VKEY_PORTS)
        return CKR_SLOT_ID_INVALID;
    pthread_rwlock_rdlock(&g_vkey.hsm_lock);
    vkey_sessions_close_port(slotID);
    pthread_rwlock_unlock(&g_vkey.hsm_lock);
    return CKR_OK;
}

CK_RV NETCA_GetPinRetryInfo(CK_SLOT_ID slotID, NETCA_PIN_RETRY_INFO *pInfo)
{
    vkey_target t;
    vkey_counters c;
    if (!g_vkey.initialized)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    if (pInfo == NULL)
        return CKR_ARGUMENTS_BAD;
    CK_RV rv = slot_begin(slotID, &t);
    if (rv != CKR_OK)
        return rv;
    slot_end(rv);
    if (vkey_counters_read(g_vkey.dir, t.serial, &c) != 0)
        return CKR_DEVICE_ERROR;
    pInfo->ulUserTriesLeft = c.user_left;
    pInfo->ulUserMaxTries = c.user_max;
    pInfo->ulSoTriesLeft = c.so_left;
    pInfo->ulSoMaxTries = c.so_max;
    return CKR_OK;
}
