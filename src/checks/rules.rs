//! The rules of the checks, with their stable ids, default severities and
//! docs, and [`ALL_RULES`]. The types live in [`crate::rule`].

pub use crate::rule::pipeline::{
    FILE_TOO_LARGE, INTERNAL_ERROR, INVALID_CONFIG, NON_UTF8_FILE, PARSE_ERROR, UNREADABLE_FILE,
    UNUSED_SUPPRESSION,
};
use crate::rule::{declare_rule, Rule};

declare_rule! {
    /// ## What it does
    /// Reports each use of a privacy API whose privacy type (`privacy_key`) is not
    /// declared in the project's privacy guideline copy (`privacy.json`).
    ///
    /// ## Why is this bad?
    /// Since 2023-09-15 WeChat disables an API whose data type is missing from the
    /// 用户隐私保护指引: the call fails with errno 112, "api scope is not declared in
    /// the privacy agreement", and review rejects guidelines that do not match the code.
    ///
    /// ## Example
    /// ```js
    /// wx.getLocation({ type: 'gcj02' }) // privacy.json does not declare Location
    /// ```
    ///
    /// ## How to fix
    /// Declare the type in the MP console (设置 → 服务内容声明 → 用户隐私保护指引), then
    /// copy it into `privacy.json`: `{"setting_list": [{"privacy_key": "Location",
    /// "privacy_text": "..."}]}`.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/miniprogram-intro.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
    UNDECLARED_PRIVACY_TYPE, "undeclared-privacy-type", Error,
    "a privacy API is used but its privacy type is not declared"
}

declare_rule! {
    /// ## What it does
    /// Reports a privacy type declared in `privacy.json` that no code in the
    /// project uses. Types no API can trigger (DeviceInfo, Email, EX*) are never
    /// reported: they cover data the developer collects through forms.
    ///
    /// ## Why is this bad?
    /// The guideline is shown to users. Declaring data you do not collect makes the
    /// guideline inaccurate, and reviewers ask about types they cannot find.
    ///
    /// ## Example
    /// ```json
    /// {"setting_list": [{"privacy_key": "Record", "privacy_text": "语音留言"}]}
    /// ```
    /// with no recorder, `startRecord` or `scope.record` anywhere in the code.
    ///
    /// ## How to fix
    /// Remove the type from the guideline (and `privacy.json`), or check whether the
    /// feature that needed it was removed by mistake.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/miniprogram-intro.html
    UNUSED_PRIVACY_DECLARATION, "unused-privacy-declaration", Warning,
    "a declared privacy type is not used by any code"
}

declare_rule! {
    /// ## What it does
    /// Reports, once, that the project uses privacy APIs but has no `privacy.json`,
    /// and lists the privacy types the code needs.
    ///
    /// ## Why is this bad?
    /// The guideline lives in the MP console, where no tool can check it. Without a
    /// copy in the repository, mpaudit cannot tell whether calls will fail with errno 112.
    ///
    /// ## Example
    /// A project calling `wx.chooseAddress` with no `privacy.json` next to app.json.
    ///
    /// ## How to fix
    /// `mpaudit init` (for a project that has never run mpaudit) or `mpaudit
    /// manifest --write` drafts `privacy.json` from the code, with a
    /// `TODO(mpaudit)` text per type to fill in from the console. Or create
    /// `privacy.json` in the audited folder with the types declared in the
    /// console, in the shape of WeChat's getprivacysetting response:
    /// `{"setting_list": [{"privacy_key": "Address", "privacy_text": "..."}]}`.
    /// `mpaudit check --declaration FILE` reads it from elsewhere.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/privacy-management/api_getprivacysetting
    NO_PRIVACY_DECLARATION, "no-privacy-declaration", Warning,
    "privacy APIs are used but the project has no privacy.json"
}

declare_rule! {
    /// ## What it does
    /// Reports each use of one of the 8 location-class APIs (getFuzzyLocation,
    /// getLocation, onLocationChange, startLocationUpdate,
    /// startLocationUpdateBackground, chooseLocation, choosePoi, chooseAddress) that
    /// app.json `requiredPrivateInfos` does not list.
    ///
    /// ## Why is this bad?
    /// Mini programs released after 2022-07-14 must list these APIs, or the call fails
    /// with "the api need to be declared in the requiredPrivateInfos field in app.json/ext.json".
    ///
    /// ## Example
    /// ```js
    /// wx.chooseAddress({}) // app.json has no "requiredPrivateInfos": ["chooseAddress"]
    /// ```
    ///
    /// ## How to fix
    /// Add the API name to `requiredPrivateInfos` in app.json (ext.json for
    /// third-party platforms), and activate it in the MP console (开发 → 开发管理 → 接口设置).
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html
    /// - https://developers.weixin.qq.com/community/develop/doc/000a02f2c5026891650e7f40351c01
    MISSING_REQUIRED_PRIVATE_INFOS, "missing-required-private-infos", Error,
    "a location-class API is used but not listed in requiredPrivateInfos"
}

declare_rule! {
    /// ## What it does
    /// Reports a `requiredPrivateInfos` value that is not one of the 8 allowed names.
    ///
    /// ## Why is this bad?
    /// WeChat DevTools refuses to compile: `requiredPrivateInfos[0] 字段需为 chooseAddress,
    /// chooseLocation, …`. Listing `chooseMedia` or `camera` there is a common mistake.
    ///
    /// ## Example
    /// ```json
    /// {"requiredPrivateInfos": ["getLocation", "chooseMedia"]}
    /// ```
    ///
    /// ## How to fix
    /// Keep only getFuzzyLocation, getLocation, onLocationChange, startLocationUpdate,
    /// startLocationUpdateBackground, chooseLocation, choosePoi, chooseAddress. Other
    /// APIs are declared in the privacy guideline, not here.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html
    INVALID_REQUIRED_PRIVATE_INFOS, "invalid-required-private-infos", Error,
    "requiredPrivateInfos lists a value that is not one of the 8 allowed"
}

declare_rule! {
    /// ## What it does
    /// Reports `getFuzzyLocation` listed in `requiredPrivateInfos` together with
    /// getLocation, onLocationChange, startLocationUpdate or
    /// startLocationUpdateBackground, or, when the list is consistent, code that
    /// uses both the fuzzy and a precise location API.
    ///
    /// ## Why is this bad?
    /// Fuzzy and precise location are mutually exclusive: DevTools fails to compile
    /// with "requiredPrivateInfos 'getFuzzyLocation' 与 'getLocation'… 互斥", and code
    /// needing both cannot declare both.
    ///
    /// ## Example
    /// ```json
    /// {"requiredPrivateInfos": ["getFuzzyLocation", "getLocation"]}
    /// ```
    ///
    /// ## How to fix
    /// Choose one: `getFuzzyLocation` alone, or the precise APIs. chooseLocation,
    /// choosePoi and chooseAddress may go with either.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/community/develop/doc/000a02f2c5026891650e7f40351c01
    CONFLICTING_REQUIRED_PRIVATE_INFOS, "conflicting-required-private-infos", Error,
    "fuzzy and precise location APIs are declared or used together"
}

declare_rule! {
    /// ## What it does
    /// Reports a `requiredPrivateInfos` value whose API no code uses.
    ///
    /// ## Why is this bad?
    /// Each listed API must be activated and justified in the MP console; unused
    /// entries invite review questions and hide what the program really does.
    ///
    /// ## Example
    /// ```json
    /// {"requiredPrivateInfos": ["chooseLocation"]}
    /// ```
    /// with no `chooseLocation` call anywhere.
    ///
    /// ## How to fix
    /// Remove the entry, or check whether the code that used it was removed by mistake.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html
    UNUSED_REQUIRED_PRIVATE_INFOS, "unused-required-private-infos", Warning,
    "requiredPrivateInfos lists an API that no code uses"
}

declare_rule! {
    /// ## What it does
    /// Reports a location API used while app.json has no
    /// `permission["scope.userLocation"].desc` (`scope.userFuzzyLocation` for
    /// getFuzzyLocation). One finding per missing scope, at its first use.
    ///
    /// ## Why is this bad?
    /// The `desc` is the purpose shown in the authorization popup. Without it the
    /// popup has no explanation and review asks for one.
    ///
    /// ## Example
    /// ```js
    /// wx.getLocation({}) // app.json has no "permission"
    /// ```
    ///
    /// ## How to fix
    /// ```json
    /// {"permission": {"scope.userLocation": {"desc": "你的位置信息将用于查找附近门店"}}}
    /// ```
    /// `desc` may be at most 30 characters. A `desc` that still starts with the
    /// `TODO(mpaudit)` placeholder (written by `mpaudit check --fix --unsafe-fixes`)
    /// is reported too, until the purpose replaces it.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html
    MISSING_PERMISSION_DESC, "missing-permission-desc", Warning,
    "a location API is used but app.json has no permission desc for its scope"
}

declare_rule! {
    /// ## What it does
    /// Reports each use of `wx.startLocationUpdateBackground` when app.json
    /// `requiredBackgroundModes` does not contain `"location"`.
    ///
    /// ## Why is this bad?
    /// Background location only works with the background mode declared; without it
    /// the call fails.
    ///
    /// ## Example
    /// ```js
    /// wx.startLocationUpdateBackground({}) // no "requiredBackgroundModes": ["location"]
    /// ```
    ///
    /// ## How to fix
    /// Add `"requiredBackgroundModes": ["location"]` to app.json. The user must also
    /// grant `scope.userLocationBackground`, and the API is open only to some categories.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html
    MISSING_BACKGROUND_LOCATION_MODE, "missing-background-location-mode", Error,
    "startLocationUpdateBackground is used without requiredBackgroundModes location"
}

declare_rule! {
    /// ## What it does
    /// Reports each use of a recalled user-info API: `wx.getUserInfo`,
    /// `wx.getUserProfile`, `wx.authorize({scope: 'scope.userInfo'})`. The message
    /// says what the API returns now, since when, and what replaces it.
    ///
    /// ## Why is this bad?
    /// These APIs no longer return the user's data: since 2021-04-28 getUserInfo
    /// returns anonymous data, and since 2022-11-08 getUserProfile returns a grey
    /// avatar and the nickname "微信用户". Code relying on them shows every user the
    /// same name.
    ///
    /// ## Example
    /// ```js
    /// wx.getUserProfile({ desc: '完善资料' })
    /// ```
    ///
    /// ## How to fix
    /// Let the user fill them in: `<button open-type="chooseAvatar"
    /// bindchooseavatar="onAvatar">` and `<input type="nickname">` (base library 2.21.2+).
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/community/develop/doc/00022c683e8a80b29bed2142b56c01
    /// - https://developers.weixin.qq.com/community/develop/doc/000cacfa20ce88df04cb468bc52801
    DEPRECATED_API, "deprecated-api", Warning,
    "a recalled user-info API is used; it returns anonymous data now"
}

declare_rule! {
    /// ## What it does
    /// Reports a call of a privacy API (one that needs a privacy type, e.g.
    /// `wx.getLocation`, `wx.chooseImage`, `wx.getClipboardData`,
    /// `wx.authorize({scope: 'scope.userLocation'})`) that runs before the user
    /// has done anything: in `App.onLaunch` or `App.onShow`, in a page's `onLoad`
    /// or `onShow`, in a component used as a page (`onLoad`/`onShow` in
    /// `methods`, `pageLifetimes.show`), or in a component's
    /// `created`/`attached`/`ready`. Uses inside callbacks of such a method count
    /// (`onLoad() { wx.getSetting({ success() { wx.getLocation() } }) }` still runs
    /// on load), and so do methods of the same object it calls, up to 4 calls
    /// deep (`onLoad() { this.locate() }, locate() { wx.getLocation() }`); the
    /// message names the lifecycle and the path. Functions the method only
    /// registers or stores (`wx.onXxx(fn)`, `bus.on('x', fn)`, `this.cb = fn`)
    /// do not count.
    ///
    /// Not reported: references that are not calls (`if (wx.getUserProfile)`),
    /// calls that only create an object or register a listener and ask for
    /// nothing by themselves (`wx.getRecorderManager()`, `wx.createCameraContext()`,
    /// `wx.onLocationChange(fn)`; the object's own methods, such as
    /// `RecorderManager.start`, are judged), consent APIs
    /// (`wx.requirePrivacyAuthorize`), recalled user-info APIs (`wx.getUserInfo`
    /// and `scope.userInfo` no longer ask the user; `wx.getUserProfile` on launch
    /// is a `getuserprofile-misuse`), templates, and code outside
    /// `App`/`Page`/`Component`/`Behavior` objects.
    ///
    /// ## Why is this bad?
    /// WeChat's operating rules (《微信小程序平台运营规范》 §15, 用户隐私和数据规范, as quoted
    /// in WeChat's rules on collecting phone numbers) forbid popups that ask for
    /// permissions or personal information before the user triggers the related
    /// feature, and review rejects mini programs that collect data on entry. That
    /// these lifecycles run "before the user triggers the feature" is our reading:
    /// they run when the mini program starts or a page opens.
    ///
    /// ## Example
    /// ```js
    /// Page({
    ///   onLoad() { this.locate() },
    ///   locate() { wx.getLocation({ type: 'gcj02' }) } // runs as soon as the page opens
    /// })
    /// ```
    ///
    /// ## How to fix
    /// Call the API from the handler of the control that needs the data (a
    /// `bindtap` handler of "use my location"), and show what the page can
    /// without it. If the data is needed on entry, explain why on the page first
    /// and let the user start it.
    ///
    /// ## References
    /// - https://zz5.net/news/6992 (secondary: 关于小程序收集用户手机号行为的规范, citing 运营规范 §15)
    /// - https://www.vkhz.com/vyj/at_3192.html (secondary)
    PRIVACY_CALL_ON_LAUNCH, "privacy-call-on-launch", Warning,
    "a privacy API is called when the mini program or a page opens, before any user action"
}

declare_rule! {
    /// ## What it does
    /// Reports each call of `wx.getUserProfile` (also `uni.`/`Taro.` and
    /// aliases) that WeChat rejects, one finding per problem:
    /// - the options have no `desc` (`wx.getUserProfile()`,
    ///   `wx.getUserProfile({ success })`);
    /// - `desc` is a string literal longer than 30 characters (counted as
    ///   Unicode characters: `'用于完善会员资料'` is 8). A `desc` that is not a
    ///   literal is not judged;
    /// - it is not called directly in a tap handler: it runs in a lifecycle
    ///   (`onLoad`, `onShow`, `onLaunch`, `attached`…, also through
    ///   `this.method()` calls), in an asynchronous callback (the `success` of
    ///   `wx.login`, a `.then()`, a `setTimeout`, after an `await`), or, when the
    ///   page or component has its `.wxml` next to it, in a method that its
    ///   template (with the templates it imports and includes) does not bind to
    ///   a tap-like event and that no such method calls through `this.method()`.
    ///   Tap-like events are `tap`, `longpress`, `longtap` and `submit` (any
    ///   binding form: `bindtap`, `catchtap`, `bind:tap`, `mut-bind:tap`,
    ///   `capture-bind:tap`…), and any event of a custom component
    ///   (`<van-button bind:click="getProfile">`). A template that binds a
    ///   computed name (`bindtap="{{handler}}"`) is not judged.
    ///
    /// The call is also a `deprecated-api`: since 2022-11-08 it returns a grey
    /// avatar and the nickname "微信用户". This rule says why it fails at all.
    ///
    /// ## Why is this bad?
    /// The API documentation says it may only be called after a tap on the page
    /// ("页面产生点击事件（例如 button 上 bindtap 的回调中）后才可调用") and that `desc`
    /// is required and at most 30 characters. Otherwise the call fails, e.g. with
    /// `getUserProfile:fail can only be invoked by user TAP gesture`. That a
    /// callback running after the tap handler returned no longer counts as the
    /// tap is our reading of that rule and of developers' reports.
    ///
    /// ## Example
    /// ```js
    /// Page({
    ///   onLoad() {
    ///     wx.login({ success: () => wx.getUserProfile({ desc: '获取你的昵称、头像' }) })
    ///   }
    /// })
    /// ```
    ///
    /// ## How to fix
    /// Call it directly in the `bindtap` handler, with a short `desc`:
    /// `<button bindtap="getProfile">` and `getProfile() { wx.getUserProfile({ desc:
    /// '用于完善会员资料', success: … }) }`; log in before or after, not around it.
    /// Better, since it returns anonymous data now: let the user fill in avatar and
    /// nickname with `<button open-type="chooseAvatar">` and `<input type="nickname">`.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/api/open-api/user-info/wx.getUserProfile.html
    /// - https://developers.weixin.qq.com/community/develop/doc/00022c683e8a80b29bed2142b56c01
    GETUSERPROFILE_MISUSE, "getuserprofile-misuse", Warning,
    "wx.getUserProfile has no desc, a desc over 30 characters, or runs outside a tap handler"
}

declare_rule! {
    /// ## What it does
    /// Reports, once, a project that uses privacy APIs but never handles the user's
    /// privacy consent: no `wx.onNeedPrivacyAuthorization`, no
    /// `wx.requirePrivacyAuthorize`, no `<button open-type="agreePrivacyAuthorization">`.
    ///
    /// ## Why is this bad?
    /// Since 2023-10-17 a privacy API call without recorded consent triggers the
    /// consent flow. Without a handler WeChat shows its own popup at that moment; a
    /// refusal fails the call (errno 103/104) and, within 10 seconds, every following one.
    ///
    /// ## Example
    /// An app.js without `wx.onNeedPrivacyAuthorization(...)` in a project calling `wx.chooseImage`.
    ///
    /// ## How to fix
    /// Register `wx.onNeedPrivacyAuthorization(resolve => ...)` in app.js and show
    /// your own popup with a `<button open-type="agreePrivacyAuthorization">`, or call
    /// `wx.requirePrivacyAuthorize()` at a point where asking makes sense.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html
    MISSING_PRIVACY_AUTHORIZATION, "missing-privacy-authorization", Warning,
    "privacy APIs are used but nothing handles the user's privacy consent"
}

declare_rule! {
    /// ## What it does
    /// Reports a `privacy_text` in `privacy.json` (in `setting_list` or an SDK's
    /// `sdk_list`) that does not say what the data is for: empty; a
    /// placeholder (the `TODO(mpaudit): …` texts `mpaudit manifest` writes, `xxx`,
    /// `TODO`, `待填写`, `请填写…`, `...`); shorter than 4 characters; starting with
    /// 为了 or 用于; or the same text as another type's in the same list (each
    /// repeat is reported, naming the first; types one API needs together, such as
    /// Camera and Record for `<live-pusher>`, may share a text). Entries without a
    /// `privacy_text` are not judged: a copy may list only the keys.
    ///
    /// ## Why is this bad?
    /// `privacy_text` is the purpose users read in the 用户隐私保护指引: WeChat shows
    /// it as "为了{privacy_text}" (setprivacysetting docs). A placeholder or "登录"
    /// tells them nothing about why their data is collected; "为了查找附近门店" reads
    /// "为了为了查找附近门店"; one purpose copied to several types reads as boilerplate.
    ///
    /// ## Example
    /// ```json
    /// {"setting_list": [
    ///   {"privacy_key": "Location", "privacy_text": "为了查找附近门店"},
    ///   {"privacy_key": "Album", "privacy_text": "TODO(mpaudit): 使用选中的照片或视频信息的目的"},
    ///   {"privacy_key": "PhoneNumber", "privacy_text": "登录"}
    /// ]}
    /// ```
    ///
    /// ## How to fix
    /// Write the purpose as users will read it after "为了": "查找附近门店",
    /// "上传商品评价图片", "登录时验证手机号". Set the same text in the MP console
    /// (设置 → 服务内容声明 → 用户隐私保护指引), then keep `privacy.json` in step.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/privacy-management/api_setprivacysetting.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/miniprogram-intro.html
    WEAK_PRIVACY_TEXT, "weak-privacy-text", Warning,
    "a privacy_text is empty, a placeholder, too short, starts with 为了/用于, or repeats another type's"
}

declare_rule! {
    /// ## What it does
    /// Reports client code that builds or requests a URL of WeChat's server API,
    /// `api.weixin.qq.com`: above all the login code exchange
    /// `sns/jscode2session` (code2Session), and `cgi-bin/…` or `wxa/…` endpoints
    /// (`cgi-bin/token`, and the APIs that take its `access_token`). A string
    /// literal, a template literal or a `+` concatenation counts, with names
    /// bound in the same file to a string (`const WX = 'https://api.weixin.qq.com'`).
    /// Comments never count.
    ///
    /// ## Why is this bad?
    /// code2Session needs the AppSecret, and returns the user's OpenID, UnionID
    /// and `session_key`: a mini program that calls it ships the AppSecret in a
    /// package anyone can download and unpack. WeChat's docs say these APIs must
    /// be called from the server, never from the front end, and
    /// `api.weixin.qq.com` cannot be configured as a request domain, so the call
    /// also fails for users (it only works with domain checks off in DevTools).
    ///
    /// ## Example
    /// ```js
    /// wx.login({ success: (res) => wx.request({
    ///   url: 'https://api.weixin.qq.com/sns/jscode2session?appid=' + APPID +
    ///        '&secret=' + SECRET + '&js_code=' + res.code + '&grant_type=authorization_code',
    /// }) })
    /// ```
    ///
    /// ## How to fix
    /// Send `res.code` to your own backend (or a cloud function) and call
    /// code2Session there; return your own session token to the mini program,
    /// never the `session_key`. Then reset the AppSecret in the MP console
    /// (开发 → 开发管理 → 开发设置): the shipped one is public.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_code2session
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/login.html
    CLIENT_CODE2SESSION, "client-code2session", Error,
    "client code calls WeChat's server API (jscode2session, cgi-bin) that only a backend may call"
}

declare_rule! {
    /// ## What it does
    /// Reports a 32-digit lowercase hex string (the form of a mini program's
    /// AppSecret) held by something named like an AppSecret: a variable,
    /// property or object key `secret`, `appSecret`, `app_secret`, `AppSecret`,
    /// `wxSecret`…, or the `secret=` parameter of a URL (literal, or a
    /// concatenation with such a string). The message shows the first 4 digits
    /// only, and the human report masks the rest in its code snippet. Strings in
    /// comments are not code and never count.
    ///
    /// ## Why is this bad?
    /// A mini program package can be downloaded and unpacked by anyone. With the
    /// AppSecret and the AppID (which is public) anyone can get the account's
    /// `access_token`, and with it call every server API in the account's name:
    /// send subscription messages, read user data, change settings. WeChat's
    /// docs say the AppSecret belongs on the backend server.
    ///
    /// ## Example
    /// ```js
    /// const config = { appid: 'wx1234567890abcdef', secret: '3f2a…' } // 32 hex digits
    /// ```
    ///
    /// ## How to fix
    /// Delete it from the mini program, reset the AppSecret in the MP console
    /// (开发 → 开发管理 → 开发设置 → AppSecret 重置): the old one is public and
    /// stays in every released version. Keep the new one on your backend only.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_code2session
    HARDCODED_APP_SECRET, "hardcoded-app-secret", Error,
    "an AppSecret (32 hex digits named secret/appSecret, or a secret= URL parameter) is in client code"
}

declare_rule! {
    /// ## What it does
    /// Reports `session_key` (any spelling: `sessionKey`, `SESSION_KEY`) written
    /// to storage (`wx.setStorage`, `wx.setStorageSync`; also `Taro.`/`uni.`) as
    /// the key or in the value, or sent back out in the `data`, `formData` or
    /// `header` of `wx.request`/`wx.uploadFile`, or in the URL query of a request
    /// to the app's own backend (to other hosts it is `identity-in-url`).
    ///
    /// ## Why is this bad?
    /// `session_key` is the key WeChat encrypts and signs the user's data with.
    /// WeChat's login docs say the backend must not hand it to the mini program
    /// nor send it over the network. A client that holds it can forge or read
    /// the user's encrypted data (phone number, WeRun), and anything stored with
    /// `setStorage` is readable on the device.
    ///
    /// ## Example
    /// ```js
    /// wx.request({ url: API + '/login', data: { code }, success: (res) => {
    ///   wx.setStorageSync('session_key', res.data.session_key)
    /// } })
    /// ```
    ///
    /// ## How to fix
    /// Keep `session_key` on the backend, next to the user's OpenID. Give the
    /// mini program your own session token (random, expiring) and decrypt
    /// `encryptedData` on the backend.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/login.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
    SESSION_KEY_ON_CLIENT, "session-key-on-client", Warning,
    "session_key is written to storage or sent out from the client"
}

declare_rule! {
    /// ## What it does
    /// Reports `wx.request`, `wx.uploadFile`, `wx.downloadFile` and
    /// `wx.connectSocket` (also `Taro.`/`uni.`) whose `url` is a plain `http://`
    /// or `ws://` URL: a literal, a template or concatenation that starts with
    /// one, or a name bound to one in the same file (`const BASE =
    /// 'http://api.example.com'`). `localhost` and `127.0.0.1` are left alone.
    ///
    /// ## Why is this bad?
    /// Request domains must be HTTPS (`wx.request`, `uploadFile`, `downloadFile`)
    /// or WSS (`connectSocket`): a released mini program cannot reach a plain
    /// HTTP URL, so it only works in DevTools with domain checks off. Where
    /// it does get through (debug mode, a proxy), the user's data travels
    /// unencrypted.
    ///
    /// ## Example
    /// ```js
    /// const BASE = 'http://api.example.com'
    /// wx.request({ url: BASE + '/user/info', data: { token } })
    /// ```
    ///
    /// ## How to fix
    /// Serve the API over HTTPS with a valid certificate (TLS 1.2+) and use
    /// `https://` / `wss://` URLs; add the domain in the MP console (开发 →
    /// 开发管理 → 开发设置 → 服务器域名).
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html
    INSECURE_REQUEST, "insecure-request", Warning,
    "wx.request/uploadFile/downloadFile/connectSocket uses a plain http:// or ws:// URL"
}

declare_rule! {
    /// ## What it does
    /// Reports `openid`, `unionid` or `session_key` (any spelling) put into the
    /// URL query of a request (`wx.request`, `uploadFile`, `downloadFile`,
    /// `connectSocket`) to a literal host that is not the app's own backend.
    /// The app's own hosts are those listed in `first-party-hosts` in
    /// `mpaudit.json` (a host or a parent domain: `example.com` covers
    /// `api.example.com`); without that list, the domain the app's own code
    /// sends the most requests to.
    ///
    /// ## Why is this bad?
    /// OpenID and UnionID identify a WeChat user across sessions (UnionID across
    /// all of a company's apps). In a URL they end up in the third party's access
    /// logs, proxies and analytics, which ties the user's activity to their
    /// WeChat identity without the user knowing, and the privacy guideline
    /// rarely says so. `session_key` must never leave the backend.
    ///
    /// ## Example
    /// ```js
    /// wx.request({ url: 'https://stats.example-ads.com/track?openid=' + openid + '&page=home' })
    /// ```
    ///
    /// ## How to fix
    /// Send the third party an identifier of your own (random, per service), or
    /// none; if it must know the user, send the data from your backend and say
    /// so in the privacy guideline. If the host is yours, add it to
    /// `first-party-hosts` in `mpaudit.json`.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/union-id.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/login.html
    IDENTITY_IN_URL, "identity-in-url", Warning,
    "openid, unionid or session_key is put into the URL of a request to a third-party host"
}

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
    CLIENT_SIDE_DECRYPT, "client-side-decrypt", Error,
    "encryptedData is decrypted in client code (WXBizDataCrypt, or a decrypt given session_key)"
}

declare_rule! {
    /// ## What it does
    /// Reports source that the audit did not read, so that a clean report never
    /// hides it: files of a kind mpaudit cannot parse (`.pug` templates,
    /// `.coffee` scripts), blocks of single-file components in such a
    /// language (`<template lang="pug">`, `<script lang="coffee">`), uni-app x
    /// UTS code the TypeScript parser cannot read, and a framework project
    /// whose config lists no pages. One finding for the project, with the
    /// count and the first places.
    ///
    /// ## Why is this bad?
    /// A privacy API called in code the audit never read is neither in the
    /// inventory nor checked against the privacy guideline: the report would
    /// say all is well while the code collects data. A page list that cannot
    /// be read means uses cannot be tied to pages.
    ///
    /// ## Example
    /// ```html
    /// <template lang="pug">
    ///   button(open-type="getPhoneNumber")
    /// </template>
    /// ```
    ///
    /// ## How to fix
    /// Audit what your build produces for WeChat (the folder with `app.json`),
    /// where every template is WXML and every script JavaScript; or write the
    /// block in a language mpaudit reads (WXML/HTML templates, JS/TS scripts).
    /// Code that never ships to WeChat can be left out with `ignore` in
    /// `mpaudit.json`.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/
    /// - https://uniapp.dcloud.net.cn/tutorial/platform.html
    UNAUDITED_SOURCE, "unaudited-source", Warning,
    "source mpaudit could not read (an unknown template or script language, unparsable UTS, no pages found) was not audited"
}

declare_rule! {
    /// ## What it does
    /// Reports a `wx.onNeedPrivacyAuthorization` listener (also `uni.`, `Taro.`,
    /// `wepy.`, `mpx.`) with a path on which its `resolve` is neither called nor
    /// kept for later: a listener without a `resolve` parameter, one that
    /// returns early, one that calls `resolve` only in one branch of an `if`.
    /// Any other mention of `resolve` counts as keeping it (stored on `this`,
    /// in a module variable or a `Set`, passed to a function, captured by a
    /// callback), and a listener that is not an inline function is not judged.
    ///
    /// ## Why is this bad?
    /// The privacy API that fired the listener stays pending until `resolve` is
    /// called: the official documentation says "如果注册了
    /// wx.onNeedPrivacyAuthorization 监听，则一定要调用 resolve 接口". The page
    /// hangs, and review rejects it because it "does not prompt the user".
    ///
    /// ## Example
    /// ```js
    /// wx.onNeedPrivacyAuthorization((resolve) => {
    ///   if (this.data.popupShown) return // this call stays pending forever
    ///   this.resolvePrivacy = resolve
    ///   this.setData({ popupShown: true })
    /// })
    /// ```
    ///
    /// ## How to fix
    /// Keep `resolve` on every path (`this.resolvePrivacy = resolve`, or a
    /// list of pending resolves as in the official demo2) and call it from the
    /// agree and disagree buttons' handlers.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
    PRIVACY_LISTENER_NEVER_RESOLVES, "privacy-listener-never-resolves", Error,
    "a wx.onNeedPrivacyAuthorization listener leaves resolve uncalled on some path"
}

declare_rule! {
    /// ## What it does
    /// Reports `resolve({ event: 'agree' })` sent without the agree button:
    /// with no `buttonId`; from the `wx.onNeedPrivacyAuthorization` listener
    /// itself (or a timer or `wx.showModal` callback inside it); or with a
    /// literal `buttonId` that no `<button open-type="agreePrivacyAuthorization">`
    /// of the pages reaching the code has as its `id` (WXML, Vue templates and
    /// Taro JSX `<Button openType="agreePrivacyAuthorization" id="…">`; not
    /// judged when an agree button's id is computed or may come from a
    /// `{...spread}`, or when some code was not read). A `resolve` is a
    /// call of the listener's parameter, of a name it was stored under, or of
    /// a name containing `resolve` that the file does not declare as a function.
    ///
    /// ## Why is this bad?
    /// "buttonId 为隐私同意授权按钮的id，为确保用户有同意的操作，基础库会检查对应的同意按钮是否被点击过":
    /// the base library checks that the button with that id was tapped. An
    /// agree without it fails at run time, and the privacy API stays blocked.
    ///
    /// ## Example
    /// ```js
    /// wx.onNeedPrivacyAuthorization((resolve) => {
    ///   resolve({ event: 'agree' }) // no tap, no buttonId
    /// })
    /// ```
    ///
    /// ## How to fix
    /// Keep `resolve`, show a popup with `<button id="agree-btn"
    /// open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="handleAgree">`,
    /// and in `handleAgree` call `resolve({ buttonId: 'agree-btn', event: 'agree' })`.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html
    PRIVACY_AGREE_WITHOUT_BUTTON, "privacy-agree-without-button", Error,
    "resolve({event:'agree'}) is sent without buttonId, with an id no agree button has, or outside a tap"
}

declare_rule! {
    /// ## What it does
    /// Reports, once per page and at the page's first privacy use, an app.json
    /// page that reaches a privacy API while no consent handling is in effect
    /// on it: no `wx.onNeedPrivacyAuthorization` listener in app.js or in a
    /// file the page reaches (its script, its components, their imports), and
    /// no agree button in its templates. The project-wide case (no consent
    /// handling at all) stays `missing-privacy-authorization`; this rule is
    /// silent when some code was not read or consent code sits in a file no
    /// page reaches. It only speaks when the project registers a listener
    /// somewhere: without one, WeChat shows its official privacy popup on
    /// every page, and a page needs nothing of its own.
    ///
    /// ## Why is this bad?
    /// "wx.onNeedPrivacyAuthorization 是覆盖式注册监听": the last registration
    /// wins. A popup registered from page A does not show on page B; B's
    /// privacy API falls back to WeChat's popup or hangs on A's hidden one.
    ///
    /// ## Example
    /// `pages/index` includes `<privacy-popup>`, `pages/map` calls
    /// `wx.chooseLocation` without it.
    ///
    /// ## How to fix
    /// Register the listener in app.js (an app-wide popup), or use the same
    /// popup component on every page that reaches a privacy API, as the
    /// official demo2 and demo4 do.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
    PAGE_WITHOUT_PRIVACY_POPUP, "page-without-privacy-popup", Warning,
    "a page reaches a privacy use with no consent handling in effect on it"
}

declare_rule! {
    /// ## What it does
    /// Reports consent code that does nothing: `__usePrivacyCheck__` in
    /// app.json; `wx.requirePrivacyAuthorize` with an options object that has
    /// no `fail` (or `complete`), or called without arguments and its promise
    /// unused; a `wx.onNeedPrivacyAuthorization` listener none of whose pages
    /// reaches a privacy API (silent when some code was not read or a privacy
    /// use sits in a file no page reaches).
    ///
    /// ## Why is this bad?
    /// `__usePrivacyCheck__` has had no effect since 2023-09-15. A refusal of
    /// `requirePrivacyAuthorize` fails it: without `fail` the user is left
    /// without a way on. A listener nothing can fire is code to maintain for
    /// nothing, and often a sign that the popup sits on the wrong page.
    ///
    /// ## Example
    /// ```js
    /// wx.requirePrivacyAuthorize({ success: () => this.next() })
    /// ```
    ///
    /// ## How to fix
    /// Delete the key; add `fail`; move or delete the listener.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.requirePrivacyAuthorize.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
    DEAD_CONSENT_CODE, "dead-consent-code", Warning,
    "consent code that does nothing: __usePrivacyCheck__, requirePrivacyAuthorize without fail, a listener no privacy use fires"
}

declare_rule! {
    /// ## What it does
    /// Reports `mpaudit.json`, `privacy.json` and `mpaudit-baseline.json` when they sit inside the mini program
    /// root and `packOptions.ignore` of `project.config.json` does not list them. Only
    /// when project.config.json exists and is valid JSON; files outside the mini
    /// program root (a `miniprogramRoot` subfolder) are never reported.
    ///
    /// ## Why is this bad?
    /// Every file in the mini program root is uploaded with the package: the audit
    /// configuration ends up in the code package users download, and counts against
    /// its size.
    ///
    /// ## Example
    /// ```json
    /// {"appid": "wx123", "compileType": "miniprogram"}
    /// ```
    /// with `privacy.json` next to `app.json`.
    ///
    /// ## How to fix
    /// ```json
    /// {"packOptions": {"ignore": [{"type": "file", "value": "privacy.json"}]}}
    /// ```
    /// `mpaudit check --fix` adds the entries. Or move the files out of the mini
    /// program root.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/devtools/projectconfig.html
    AUDIT_FILES_IN_PACKAGE, "audit-files-in-package", Warning,
    "mpaudit's files sit in the mini program root and packOptions.ignore does not leave them out of the upload"
}

/// Every rule, sorted by id.
pub static ALL_RULES: &[&Rule] = &[
    &AUDIT_FILES_IN_PACKAGE,
    &CLIENT_CODE2SESSION,
    &CLIENT_SIDE_DECRYPT,
    &CONFLICTING_REQUIRED_PRIVATE_INFOS,
    &DEAD_CONSENT_CODE,
    &DEPRECATED_API,
    &FILE_TOO_LARGE,
    &GETUSERPROFILE_MISUSE,
    &HARDCODED_APP_SECRET,
    &IDENTITY_IN_URL,
    &INSECURE_REQUEST,
    &INTERNAL_ERROR,
    &INVALID_CONFIG,
    &INVALID_REQUIRED_PRIVATE_INFOS,
    &MISSING_BACKGROUND_LOCATION_MODE,
    &MISSING_PERMISSION_DESC,
    &MISSING_PRIVACY_AUTHORIZATION,
    &MISSING_REQUIRED_PRIVATE_INFOS,
    &NO_PRIVACY_DECLARATION,
    &NON_UTF8_FILE,
    &PAGE_WITHOUT_PRIVACY_POPUP,
    &PARSE_ERROR,
    &PRIVACY_AGREE_WITHOUT_BUTTON,
    &PRIVACY_CALL_ON_LAUNCH,
    &PRIVACY_LISTENER_NEVER_RESOLVES,
    &SESSION_KEY_ON_CLIENT,
    &UNAUDITED_SOURCE,
    &UNDECLARED_PRIVACY_TYPE,
    &UNREADABLE_FILE,
    &UNUSED_PRIVACY_DECLARATION,
    &UNUSED_REQUIRED_PRIVATE_INFOS,
    &UNUSED_SUPPRESSION,
    &WEAK_PRIVACY_TEXT,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_sorted_unique_and_documented() {
        let codes: Vec<_> = ALL_RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            codes, sorted,
            "ALL_RULES must be sorted by id, without duplicates"
        );
        for rule in ALL_RULES {
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## How to fix",
                "## References",
            ] {
                assert!(rule.docs.contains(heading), "{} lacks {heading}", rule.code);
            }
            assert!(
                !rule.summary.ends_with('.'),
                "{}: no trailing period",
                rule.code
            );
            assert!(
                rule.summary.chars().next().unwrap().is_lowercase(),
                "{}",
                rule.code
            );
        }
    }

    #[test]
    fn the_rules_check_fix_fixes_say_so() {
        for rule in ALL_RULES {
            let by_fix = rule
                .fix()
                .is_some_and(|f| f.starts_with("`mpaudit check --fix`"));
            assert_eq!(
                by_fix,
                crate::fix::FIXABLE.contains(&rule.code),
                "{}",
                rule.code
            );
            let by_unsafe_fix = rule.fix().is_some_and(|f| f.contains("--unsafe-fixes"));
            assert_eq!(
                by_unsafe_fix,
                crate::fix::UNSAFE_FIXABLE.contains(&rule.code),
                "{}",
                rule.code
            );
        }
        for code in crate::fix::FIXABLE {
            assert!(
                Rule::find(crate::checks::ALL_RULES, code).is_some(),
                "{code}"
            );
        }
    }
}
