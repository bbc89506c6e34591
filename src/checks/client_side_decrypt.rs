//! `client-side-decrypt`: encryptedData is decrypted in client code (WXBizDataCrypt, or a decrypt given session_key).
//! From the identity facts the inventory recorded ([`crate::inventory::identity`]).

use super::Context;
use crate::diagnostic::Finding;
use crate::i18n::t;
use crate::inventory::identity::IdentityKind;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports decryption of WeChat's `encryptedData` in client code: the
    /// `WXBizDataCrypt` class of WeChat's sample code (declared, exported or
    /// constructed), or a `decrypt`/`decryptData`/`createDecipheriv` call that is
    /// given `session_key` (`CryptoJS.AES.decrypt(data, sessionKey, { iv, mode:
    /// CryptoJS.mode.CBC })`).
    ///
    /// ## Why is this bad?
    /// `encryptedData` (from `getUserInfo`, `getWeRunData`, the old
    /// `getPhoneNumber`) is encrypted with AES-128-CBC under `session_key`, and
    /// WeChat's docs describe decrypting it on the server. Decrypting it in the
    /// mini program needs `session_key` on the device, which lets anyone holding
    /// it forge the data the backend trusts.
    ///
    /// ## Example
    /// ```js
    /// const WXBizDataCrypt = require('../../utils/WXBizDataCrypt')
    /// const data = new WXBizDataCrypt(appId, sessionKey).decryptData(encryptedData, iv)
    /// ```
    ///
    /// ## How to fix
    /// Send `encryptedData` and `iv` to your backend and decrypt them there with
    /// the `session_key` it keeps; for phone numbers use the
    /// `getPhoneNumber` code and the server API `getuserphonenumber`.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/login.html
    CLIENT_SIDE_DECRYPT, "client-side-decrypt", Error, since "0.1.0",
    "encryptedData is decrypted in client code (WXBizDataCrypt, or a decrypt given session_key)"
}

/// Where decrypting `encryptedData` is documented.
const SIGNATURE_URL: &str =
    "https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html";

/// `encryptedData` decrypted in client code.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for fact in ctx.identity {
        let at = fact.location.clone();
        out.push(match &fact.kind {
            IdentityKind::Decrypt { how } => Finding::new(
                &CLIENT_SIDE_DECRYPT,
                at,
                if how.contains("WXBizDataCrypt") {
                    t!(ctx.lang, "client-side-decrypt-sdk", how = how.as_str())
                } else {
                    t!(ctx.lang, "client-side-decrypt-message", how = how.as_str())
                },
            )
            .label(t!(ctx.lang, "client-side-decrypt-label"))
            .help(t!(ctx.lang, "client-side-decrypt-help"))
            .url(SIGNATURE_URL),
            _ => continue,
        });
    }
}
