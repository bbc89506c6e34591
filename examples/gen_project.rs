//! Generates a large, deterministic mini program for the benchmark
//! (`benches/run.sh`), and checks an audit of it.
//!
//! ```text
//! cargo run --release --example gen_project -- OUT_DIR [--scale F] [--seed N]
//! cargo run --release --example gen_project -- --verify OUT_DIR/expected.json REPORT.json
//! ```
//!
//! At `--scale 1` the project has about 20,000 files and 100 MB under
//! `OUT_DIR/miniprogram`: main-package and subpackage pages (.js or .ts,
//! .wxml, .json, some .wxs), components, utility modules, `miniprogram_npm`
//! packages (ES5 code as npm builds ship it) and 1 MB one-line minified SDK
//! bundles. Privacy API uses sit at known places (tap handlers, components,
//! npm packages, the bundles, wrappers of `wx.authorize`); the number of
//! each goes to `OUT_DIR/expected.json`, which `--verify` compares with the
//! `inventory` of an `mpaudit check --format json` report. The same scale
//! and seed always give the same bytes. The integration tests generate a
//! small one and check that the audit finds every use (`tests/bench_project.rs`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// splitmix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Self {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const NOUNS: &[&str] = &[
    "item", "order", "goods", "cart", "coupon", "shop", "user", "banner", "notice", "comment",
    "category", "article", "video", "tag", "member", "point", "task", "ticket", "record", "city",
];
const VERBS: &[&str] = &[
    "Tap", "Load", "Change", "Submit", "Refresh", "Select", "Toggle", "Remove", "Update", "Open",
];
const WORDS: &[&str] = &[
    "all", "pending", "paid", "shipped", "done", "closed", "hot", "new", "sale", "vip",
];
const CHINESE: &[&str] = &[
    "加载中",
    "请稍候",
    "操作成功",
    "网络异常，请重试",
    "暂无数据",
    "已复制",
    "确认删除吗？",
    "满减优惠",
    "限时特价",
    "提交订单",
    "查看详情",
    "立即购买",
    "我的订单",
    "收货地址",
];
const PATHS: &[&str] = &[
    "goods/list",
    "order/detail",
    "cart/add",
    "user/info",
    "coupon/receive",
    "shop/nearby",
    "article/page",
    "comment/list",
    "member/level",
    "task/finish",
];

/// Replaces each `@X` token of `template` with its value.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (token, value) in values {
        out = out.replace(token, value);
    }
    out
}

/// Method bodies of pages and components: requests, loops, async code,
/// switches, storage, string handling. `@M` is the method name.
const METHODS: &[&str] = &[
    r#"  @M(e) {
    const { id, index } = e.currentTarget.dataset
    wx.showLoading({ title: '@C' })
    wx.request({
      url: `${config.host}/api/@P/${id}`,
      method: 'POST',
      data: { page: this.data.page + @N, size: @K, keyword: this.data.keyword || '' },
      success: (res) => {
        if (res.statusCode !== 200 || !res.data) return
        const list = (res.data.list || []).map((item, i) => ({ ...item, index: i + @N, label: item.name + '@C' }))
        this.setData({ [`list[${index}]`]: list, loading: false })
      },
      fail: (err) => {
        console.error('@M failed', err)
        wx.showToast({ title: '@C', icon: 'none' })
      },
      complete: () => wx.hideLoading()
    })
  },
"#,
    r#"  @M(list) {
    let total = 0
    for (let i = 0; i < list.length; i++) {
      const item = list[i]
      if (item.count > @N && item.price) {
        total += item.count * item.price
      } else if (item.discount) {
        total -= item.discount / @K
      }
    }
    const summary = list.filter(x => x.checked).reduce((acc, x) => acc + (x.price || 0), 0)
    this.setData({ total: total.toFixed(2), summary, updatedAt: Date.now() })
    return total > summary ? total - summary : summary
  },
"#,
    r#"  async @M() {
    try {
      const res = await api.request('@P', { id: this.data.id, type: '@W' })
      const map = new Map((res.items || []).map(x => [x.id, x]))
      this.setData({ items: Array.from(map.values()).slice(0, @N), empty: map.size === 0 })
    } catch (e) {
      console.warn('@C', e && e.message)
    } finally {
      this.setData({ loading: false })
    }
  },
"#,
    r#"  @M(e) {
    const type = e.detail.value
    switch (type) {
      case '@W':
        this.setData({ active: @N, status: '@W' })
        break
      case 'all':
        this.setData({ active: @K })
        break
      default:
        this.setData({ active: 0 })
    }
    wx.navigateTo({ url: '/pages/p@N/index?type=' + encodeURIComponent(type) + '&from=@W' })
  },
"#,
    r#"  @M() {
    const key = '@W_cache_@N'
    const cached = wx.getStorageSync(key)
    if (cached && cached.expires > Date.now()) {
      this.setData({ cache: cached.value })
      return cached.value
    }
    const value = { list: this.data.list || [], page: @K, title: '@C' }
    wx.setStorageSync(key, { value, expires: Date.now() + @N * 60 * 1000 })
    return value
  },
"#,
    r#"  @M(value) {
    const text = String(value || '').trim().replace(/\s+/g, ' ')
    const parts = text.split(/[,，;]/).map(s => s.trim()).filter(Boolean)
    const label = parts.length > @K ? parts.slice(0, @K).join('、') + '…' : parts.join('、')
    this.setData({ label: label || '@C', count: parts.length })
    return label
  },
"#,
    r#"  @M(e) {
    const detail = e && e.detail ? e.detail : {}
    const next = Object.assign({}, this.data.form, { [detail.field || '@W']: detail.value })
    const errors = Object.keys(next).filter(k => next[k] === '' || next[k] == null)
    if (errors.length) {
      wx.showModal({ title: '@C', content: errors.join(', '), showCancel: false })
      return false
    }
    this.setData({ form: next, dirty: true, step: (this.data.step || 0) + 1 })
    return true
  },
"#,
    r#"  @M() {
    const that = this
    const timer = setInterval(function () {
      const left = that.data.countdown - 1
      if (left <= 0) {
        clearInterval(timer)
        that.setData({ countdown: 0, text: '@C' })
      } else {
        that.setData({ countdown: left, text: `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` })
      }
    }, @N0)
    this.timer = timer
  },
"#,
];

/// ES5 code as npm builds ship it (`miniprogram_npm`): `@F` is a function name.
const NPM_FUNCTIONS: &[&str] = &[
    r#"function @F(target, source) {
    var keys = Object.keys(source || {});
    for (var i = 0; i < keys.length; i++) {
        var key = keys[i];
        if (source[key] !== undefined && key !== '@W') {
            target[key] = typeof source[key] === 'object' ? @F({}, source[key]) : source[key];
        }
    }
    return target;
}
"#,
    r#"function @F(value, precision) {
    if (precision === void 0) { precision = @K; }
    var factor = Math.pow(10, precision);
    var rounded = Math.round(Number(value) * factor) / factor;
    return isNaN(rounded) ? '' : rounded.toFixed(precision) + '@W';
}
"#,
    r#"var @F = /** @class */ (function () {
    function @F(options) {
        this.options = options || {};
        this.queue = [];
        this.limit = @N;
    }
    @F.prototype.push = function (task) {
        var _this = this;
        this.queue.push(task);
        if (this.queue.length > this.limit) {
            setTimeout(function () { return _this.flush(); }, @K);
        }
    };
    @F.prototype.flush = function () {
        var tasks = this.queue.splice(0, this.queue.length);
        return tasks.map(function (task, index) { return task.call(null, index); });
    };
    return @F;
}());
"#,
    r#"function @F(query) {
    return Object.keys(query || {})
        .filter(function (key) { return query[key] != null; })
        .map(function (key) { return encodeURIComponent(key) + '=' + encodeURIComponent(query[key]); })
        .join('&');
}
"#,
];

/// Pieces of a one-line minified bundle; `@F`, `@G` are short names.
const MINIFIED: &[&str] = &[
    r#"function @F(e,t){var n=e.length,r=0;for(;r<n;r++)if(e[r]===t)return r;return-1}"#,
    r#"var @F={k:"@W",v:[@N,@K,3],o:{a:!0,b:!1,c:null}};"#,
    r#"function @F(e){return e?Object.keys(e).map(function(t){return t+"="+encodeURIComponent(e[t])}).join("&"):""}"#,
    r#"function @F(e,t,n){return t in e?Object.defineProperty(e,t,{value:n,enumerable:!0,configurable:!0,writable:!0}):e[t]=n,e}"#,
    r#"var @G=function(){function e(e){this.s=e||{},this.q=[],this.n=@N}return e.prototype.push=function(e){this.q.push(e),this.q.length>this.n&&this.flush()},e.prototype.flush=function(){return this.q.splice(0).map(function(e,t){return e(t)})},e}();"#,
    r#"function @F(e){var t=String(e).replace(/[^\d.]/g,""),n=parseFloat(t);return isNaN(n)?0:n>@N?@N:n<0?0:Math.round(100*n)/100}"#,
    r#"function @F(e,t){return new Promise(function(n,r){wx.request({url:"https://api.example.com/@W/"+e,data:t,success:function(e){return 200===e.statusCode?n(e.data):r(e)},fail:r})})}"#,
    r#"var @G="@C",@F=function(e){return e&&e.__esModule?e:{default:e}};"#,
];

/// Privacy API uses put into bundles: the code and the rows it adds.
const MINIFIED_USES: &[(&str, &[&str])] = &[
    (
        r#"function @F(e){wx.getLocation({type:"gcj02",success:e})}"#,
        &["wx.getLocation"],
    ),
    (
        r#"(function(e){e.chooseImage({count:1,sizeType:["compressed"]})}).call(this,wx);"#,
        &["wx.chooseImage"],
    ),
    (
        r#"function @F(e){return wx.setClipboardData({data:String(e)})}"#,
        &["wx.setClipboardData"],
    ),
];

struct Generator {
    out: PathBuf,
    seed: u64,
    /// API → uses written.
    expected: BTreeMap<String, usize>,
    files: usize,
    bytes: u64,
}

impl Generator {
    fn write(&mut self, rel: &str, text: &str) {
        let path = self.out.join("miniprogram").join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, text).expect("write file");
        self.files += 1;
        self.bytes += text.len() as u64;
    }

    fn expect(&mut self, api: &str) {
        *self.expected.entry(api.to_owned()).or_default() += 1;
    }

    fn rng(&self, stream: u64) -> Rng {
        Rng::new(self.seed, stream)
    }
}

/// What the generated project is made of, for a scale.
struct Plan {
    main_pages: usize,
    subpackages: usize,
    pages_per_subpackage: usize,
    components: usize,
    utils: usize,
    npm_packages: usize,
    npm_components: usize,
    bundles: usize,
}

impl Plan {
    fn new(scale: f64) -> Self {
        let n = |base: f64, min: usize| ((base * scale).round() as usize).max(min);
        let sub_pages = n(960.0, 1);
        let subpackages = sub_pages.min(8);
        Plan {
            main_pages: n(240.0, 2),
            subpackages,
            pages_per_subpackage: sub_pages.div_ceil(subpackages),
            components: n(2600.0, 2),
            utils: n(500.0, 2),
            npm_packages: n(60.0, 1),
            npm_components: 40,
            bundles: n(6.0, 1),
        }
    }
}

/// A method name unique within its object.
fn method_name(rng: &mut Rng, i: usize) -> String {
    format!("on{}{}{}", rng.pick(VERBS), capitalize(rng.pick(NOUNS)), i)
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn method(rng: &mut Rng, name: &str) -> String {
    let template = METHODS[rng.below(METHODS.len())];
    fill(
        template,
        &[
            ("@M", name),
            ("@N", &(1 + rng.below(90)).to_string()),
            ("@K", &(2 + rng.below(20)).to_string()),
            ("@W", rng.pick(WORDS)),
            ("@C", rng.pick(CHINESE)),
            ("@P", rng.pick(PATHS)),
        ],
    )
}

/// A page or component template: nested views, lists, expressions, custom
/// components, event bindings; `extra` is put inside the page.
fn template(rng: &mut Rng, components: &[String], handlers: &[String], extra: &str) -> String {
    let mut out = String::from("<view class=\"page {{theme}}\">\n");
    let _ = writeln!(
        out,
        "  <view class=\"header\"><text class=\"title\">{{{{title || '{}'}}}}</text></view>",
        rng.pick(CHINESE)
    );
    let blocks = 8 + rng.below(8);
    for b in 0..blocks {
        let handler = &handlers[rng.below(handlers.len())];
        let _ = writeln!(
            out,
            "  <view class=\"section section-{b}\" wx:if=\"{{{{list.length > {n}}}}}\">\n    <block wx:for=\"{{{{list}}}}\" wx:key=\"id\">\n      <view class=\"item {{{{item.active ? 'active' : ''}}}}\" data-id=\"{{{{item.id}}}}\" data-index=\"{{{{index}}}}\" bindtap=\"{handler}\">\n        <image class=\"cover\" src=\"{{{{item.cover}}}}\" mode=\"aspectFill\" lazy-load />\n        <text class=\"name\">{{{{item.name}}}} · {{{{item.price > {n} ? '{c}' : '{c2}'}}}}</text>",
            n = rng.below(100),
            c = rng.pick(CHINESE),
            c2 = rng.pick(CHINESE),
        );
        if !components.is_empty() {
            let tag = &components[rng.below(components.len())];
            let _ = writeln!(
                out,
                "        <{tag} title=\"{{{{item.title}}}}\" count=\"{{{{item.count + {}}}}}\" bind:change=\"{handler}\" />",
                rng.below(10)
            );
        }
        let _ = writeln!(
            out,
            "      </view>\n    </block>\n    <view wx:else class=\"empty\">{}</view>\n  </view>",
            rng.pick(CHINESE)
        );
    }
    let _ = writeln!(
        out,
        "  <button open-type=\"share\" size=\"mini\">分享</button>\n  <button open-type=\"{{{{canContact ? 'contact' : 'share'}}}}\" bindtap=\"{}\">{}</button>\n  <input class=\"search\" placeholder=\"{}\" value=\"{{{{keyword}}}}\" bindinput=\"{}\" />",
        handlers[0],
        rng.pick(CHINESE),
        rng.pick(CHINESE),
        handlers[handlers.len() - 1],
    );
    out.push_str(extra);
    out.push_str("</view>\n");
    out
}

/// Relative path from a page folder `depth` levels below the mini program root to the root.
fn up(depth: usize) -> String {
    "../".repeat(depth)
}

impl Generator {
    /// A page (main package or subpackage) at `dir`, `depth` folders deep.
    fn page(&mut self, index: usize, dir: &str, depth: usize, plan: &Plan, globals: &[String]) {
        let mut rng = self.rng(1_000_000 + index as u64);
        let typescript = index % 5 == 3;
        let ext = if typescript { "ts" } else { "js" };
        let root = up(depth);
        let mut js = String::new();
        if typescript {
            let _ = writeln!(
                js,
                "import {{ request }} from '{root}utils/u{}'\nimport * as fmt from '{root}utils/u{}'\n\ninterface Item {{\n  id: number\n  name: string\n  price?: number\n}}\n\nconst config: {{ host: string; retries: number }} = {{ host: 'https://api.example.com', retries: {} }}\nconst api = {{ request }}\n\nfunction byId(list: Item[], id: number): Item | undefined {{\n  return list.find((x: Item) => x.id === id)\n}}\n",
                rng.below(plan.utils),
                rng.below(plan.utils),
                rng.below(5),
            );
        } else {
            let _ = writeln!(
                js,
                "const config = require('{root}utils/u{}.js')\nconst api = require('{root}utils/u{}')\nconst app = getApp()\n",
                rng.below(plan.utils),
                rng.below(plan.utils),
            );
        }
        if index % 40 == 7 {
            let _ = writeln!(
                js,
                "const sdk = require('sdk-{}')\n",
                index / 40 % plan.bundles
            );
        }
        let _ = writeln!(
            js,
            "Page({{\n  data: {{\n    list: [],\n    page: 1,\n    loading: false,\n    title: '{}',\n    keyword: '',\n    active: {},\n    form: {{}}\n  }},\n  onLoad(options) {{\n    this.setData({{ id: Number(options.id || 0), from: options.from || '{}' }})\n    this.onLoadData0 && this.onLoadData0()\n  }},\n  onShow() {{\n    wx.setNavigationBarTitle({{ title: this.data.title }})\n  }},\n  onPullDownRefresh() {{\n    this.setData({{ page: 1, list: [] }})\n    wx.stopPullDownRefresh()\n  }},",
            rng.pick(CHINESE),
            rng.below(5),
            rng.pick(WORDS),
        );
        let count = 30 + rng.below(20);
        let mut handlers = Vec::new();
        for i in 0..count {
            let name = method_name(&mut rng, i);
            js.push_str(&method(&mut rng, &name));
            handlers.push(name);
        }
        // Privacy uses, at known places: tap handlers of some pages.
        if index.is_multiple_of(7) {
            js.push_str("  onTapLocate() {\n    wx.getLocation({\n      type: 'gcj02',\n      success: (res) => this.setData({ latitude: res.latitude, longitude: res.longitude })\n    })\n  },\n");
            self.expect("wx.getLocation");
        }
        if index.is_multiple_of(11) {
            js.push_str("  onTapUpload() {\n    wx.chooseImage({ count: 3, sizeType: ['compressed'], success: (res) => this.setData({ images: res.tempFilePaths }) })\n  },\n");
            self.expect("wx.chooseImage");
        }
        if index.is_multiple_of(13) {
            js.push_str("  onTapAuthorize() {\n    wx.authorize({ scope: 'scope.userLocation', success: () => this.onTapLocate && this.onTapLocate() })\n  },\n");
            self.expect("wx.authorize");
        }
        if index.is_multiple_of(17) {
            js.push_str("  onTapRecord() {\n    const rm = wx.getRecorderManager()\n    rm.onStop((res) => this.setData({ voice: res.tempFilePath }))\n    rm.start({ format: 'mp3', duration: 60000 })\n  },\n");
            self.expect("wx.getRecorderManager");
            self.expect("RecorderManager.start");
        }
        if index.is_multiple_of(23) && !typescript {
            let _ = writeln!(
                js,
                "  onTapAskRecord() {{\n    require('{root}utils/auth').ensureScope('scope.record')\n  }},"
            );
            self.expect("wx.authorize");
        }
        js.push_str("  onShareAppMessage() {\n    return { title: this.data.title, path: '/pages/p0/index' }\n  }\n})\n");
        self.write(&format!("{dir}/index.{ext}"), &js);

        // The page's config: components from the app and from npm.
        let mut using = Vec::new();
        for k in 0..2 + rng.below(3) {
            let c = rng.below(plan.components);
            using.push((format!("c-{c}-{k}"), format!("/components/c{c}/index")));
        }
        let n = rng.below(plan.npm_packages);
        let m = rng.below(plan.npm_components);
        using.push((
            format!("lib-{n}-comp-{m}"),
            format!("lib-{n}/comp-{m}/index"),
        ));
        let mut json = String::from("{\n  \"navigationBarTitleText\": \"");
        json.push_str(rng.pick(CHINESE));
        json.push_str("\",\n  \"enablePullDownRefresh\": true,\n  \"usingComponents\": {\n");
        let entries: Vec<String> = using
            .iter()
            .map(|(tag, path)| format!("    \"{tag}\": \"{path}\""))
            .collect();
        json.push_str(&entries.join(",\n"));
        json.push_str("\n  }\n}\n");
        self.write(&format!("{dir}/index.json"), &json);

        // The template: a few privacy components and open-types.
        let mut extra = String::new();
        if index.is_multiple_of(9) {
            extra.push_str("  <button open-type=\"getPhoneNumber\" bindgetphonenumber=\"onPhone\">手机号快捷登录</button>\n");
            self.expect("<button open-type=\"getPhoneNumber\">");
        }
        if index.is_multiple_of(19) {
            extra.push_str("  <button open-type=\"chooseAvatar\" bindchooseavatar=\"onAvatar\"><image src=\"{{avatarUrl}}\" /></button>\n  <input type=\"nickname\" placeholder=\"请输入昵称\" />\n");
            self.expect("<button open-type=\"chooseAvatar\">");
            self.expect("<input type=\"nickname\">");
        }
        if index % 10 == 4 {
            extra.push_str("  <wxs module=\"money\">\n    module.exports = {\n      yuan: function (fen) { return (fen / 100).toFixed(2) }\n    }\n  </wxs>\n  <text>{{money.yuan(total)}}</text>\n");
        }
        if index % 10 == 6 {
            extra.push_str("  <wxs src=\"./fmt.wxs\" module=\"fmt\" />\n");
            self.write(
                &format!("{dir}/fmt.wxs"),
                "var pad = function (n) { return n < 10 ? '0' + n : '' + n }\nmodule.exports = {\n  time: function (ts) {\n    var d = getDate(ts)\n    return pad(d.getHours()) + ':' + pad(d.getMinutes())\n  }\n}\n",
            );
        }
        let mut tags: Vec<String> = using.into_iter().map(|(tag, _)| tag).collect();
        tags.extend(globals.iter().cloned());
        let wxml = template(&mut rng, &tags, &handlers, &extra);
        self.write(&format!("{dir}/index.wxml"), &wxml);
    }

    /// A component at `components/c{index}`.
    fn component(&mut self, index: usize, plan: &Plan) {
        let mut rng = self.rng(2_000_000 + index as u64);
        let dir = format!("components/c{index}");
        let mut js = format!(
            "const api = require('../../utils/u{}')\nconst config = {{ host: 'https://cdn.example.com' }}\n\nComponent({{\n  options: {{ multipleSlots: true, addGlobalClass: true }},\n  properties: {{\n    title: {{ type: String, value: '' }},\n    count: {{ type: Number, value: {} }},\n    list: {{ type: Array, value: [] }}\n  }},\n  data: {{ expanded: false, page: 1, list: [], form: {{}} }},\n  lifetimes: {{\n    attached() {{\n      this.setData({{ expanded: this.properties.count > {} }})\n    }}\n  }},\n  methods: {{\n",
            rng.below(plan.utils),
            rng.below(10),
            rng.below(10),
        );
        let count = 16 + rng.below(12);
        let mut handlers = Vec::new();
        for i in 0..count {
            let name = method_name(&mut rng, i);
            js.push_str(&method(&mut rng, &name));
            handlers.push(name);
        }
        if index.is_multiple_of(10) {
            js.push_str("  onTapMedia() {\n    wx.chooseMedia({ count: 1, mediaType: ['image', 'video'], success: (res) => this.triggerEvent('media', res.tempFiles) })\n  },\n");
            self.expect("wx.chooseMedia");
        }
        js.push_str("  onClose() {\n    this.triggerEvent('close')\n  }\n  }\n})\n");
        self.write(&format!("{dir}/index.js"), &js);
        let mut using = Vec::new();
        if index.is_multiple_of(3) && index + 1 < plan.components {
            using.push(format!("\"c-child\": \"../c{}/index\"", index + 1));
        }
        self.write(
            &format!("{dir}/index.json"),
            &format!(
                "{{\n  \"component\": true,\n  \"usingComponents\": {{ {} }}\n}}\n",
                using.join(", ")
            ),
        );
        let tags: Vec<String> = if using.is_empty() {
            Vec::new()
        } else {
            vec!["c-child".to_owned()]
        };
        let mut extra = String::new();
        if index.is_multiple_of(50) {
            extra.push_str("  <camera device-position=\"back\" flash=\"off\" style=\"width: 100%; height: 300px;\"></camera>\n");
            self.expect("<camera>");
        }
        let wxml = template(&mut rng, &tags, &handlers, &extra);
        self.write(&format!("{dir}/index.wxml"), &wxml);
    }

    /// A utility module at `utils/u{index}.js`.
    fn util(&mut self, index: usize) {
        let mut rng = self.rng(3_000_000 + index as u64);
        let mut js = String::from("const host = 'https://api.example.com'\n\n");
        let mut names = Vec::new();
        for i in 0..20 + rng.below(16) {
            let name = format!("{}{}{}", rng.pick(NOUNS), capitalize(rng.pick(WORDS)), i);
            let body = NPM_FUNCTIONS[rng.below(NPM_FUNCTIONS.len())];
            js.push_str(&fill(
                body,
                &[
                    ("@F", &name),
                    ("@N", &(1 + rng.below(90)).to_string()),
                    ("@K", &(2 + rng.below(6)).to_string()),
                    ("@W", rng.pick(WORDS)),
                ],
            ));
            js.push('\n');
            names.push(name);
        }
        js.push_str("function request(path, data) {\n  return new Promise((resolve, reject) => {\n    wx.request({ url: `${host}/${path}`, data, success: (res) => resolve(res.data), fail: reject })\n  })\n}\n\n");
        let _ = writeln!(
            js,
            "module.exports = {{ host, request, {} }}",
            names.join(", ")
        );
        self.write(&format!("utils/u{index}.js"), &js);
    }

    /// A `miniprogram_npm` package: ES5 modules and components.
    fn npm_package(&mut self, index: usize, plan: &Plan) {
        let mut rng = self.rng(4_000_000 + index as u64);
        let dir = format!("miniprogram_npm/lib-{index}");
        let mut index_js = String::from(
            "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\n",
        );
        for i in 0..6 {
            let name = format!("{}{}", rng.pick(NOUNS), i);
            index_js.push_str(&fill(
                NPM_FUNCTIONS[rng.below(NPM_FUNCTIONS.len())],
                &[
                    ("@F", &name),
                    ("@N", &(1 + rng.below(90)).to_string()),
                    ("@K", &(2 + rng.below(6)).to_string()),
                    ("@W", rng.pick(WORDS)),
                ],
            ));
            let _ = writeln!(index_js, "exports.{name} = {name};");
        }
        if index.is_multiple_of(4) {
            index_js.push_str("function paste(callback) {\n    wx.getClipboardData({ success: function (res) { callback(res.data); } });\n}\nexports.paste = paste;\n");
            self.expect("wx.getClipboardData");
        }
        self.write(&format!("{dir}/index.js"), &index_js);
        for c in 0..4 {
            let mut common = String::from("\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\n");
            for i in 0..6 {
                let name = format!("{}{}{}", rng.pick(NOUNS), c, i);
                common.push_str(&fill(
                    NPM_FUNCTIONS[rng.below(NPM_FUNCTIONS.len())],
                    &[
                        ("@F", &name),
                        ("@N", &(1 + rng.below(90)).to_string()),
                        ("@K", &(2 + rng.below(6)).to_string()),
                        ("@W", rng.pick(WORDS)),
                    ],
                ));
                let _ = writeln!(common, "exports.{name} = {name};");
            }
            self.write(&format!("{dir}/common/util{c}.js"), &common);
        }
        for m in 0..plan.npm_components {
            let mut js = String::from("\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nvar component_1 = require(\"../common/util0\");\nvar color_1 = require(\"../common/util1\");\n(0, component_1.LibComponent || Component)({\n    classes: ['custom-class', 'loading-class'],\n    props: {\n        size: { type: String, value: 'normal' },\n        disabled: Boolean,\n        loading: Boolean\n    },\n    methods: {\n");
            for i in 0..8 + rng.below(8) {
                let name = method_name(&mut rng, i);
                js.push_str(&method(&mut rng, &name));
            }
            if m == 0 && index % 3 == 1 {
                js.push_str("        onSave: function (event) {\n            wx.saveImageToPhotosAlbum({ filePath: event.detail.path });\n        },\n");
                self.expect("wx.saveImageToPhotosAlbum");
            }
            js.push_str("        noop: function () { }\n    }\n});\n");
            self.write(&format!("{dir}/comp-{m}/index.js"), &js);
            self.write(
                &format!("{dir}/comp-{m}/index.json"),
                "{\n  \"component\": true,\n  \"usingComponents\": {\n    \"lib-icon\": \"../comp-0/index\"\n  }\n}\n",
            );
            let mut wxml = String::from("<wxs src=\"../wxs/utils.wxs\" module=\"utils\" />\n");
            let _ = writeln!(
                wxml,
                "<view class=\"custom-class {{{{ utils.bem('comp-{m}', [size, {{ disabled, loading }}]) }}}}\" bindtap=\"onClick\">\n  <lib-icon wx:if=\"{{{{ icon }}}}\" name=\"{{{{ icon }}}}\" class=\"icon-class\" />\n  <slot />\n  <text wx:if=\"{{{{ text }}}}\" class=\"text\">{{{{ text }}}}</text>\n</view>"
            );
            if m == 1 {
                wxml.push_str("<button open-type=\"{{ openType }}\" lang=\"{{ lang }}\" bindgetuserinfo=\"onGetUserInfo\" bindcontact=\"onContact\" bindgetphonenumber=\"onGetPhoneNumber\" class=\"custom-class\">\n  <slot />\n</button>\n");
            }
            self.write(&format!("{dir}/comp-{m}/index.wxml"), &wxml);
        }
        self.write(
            &format!("{dir}/wxs/utils.wxs"),
            "var bem = function (name, conf) {\n  var mods = [];\n  for (var i = 0; i < conf.length; i++) {\n    if (typeof conf[i] === 'string') { mods.push(name + '--' + conf[i]); }\n  }\n  return name + ' ' + mods.join(' ');\n};\nmodule.exports = { bem: bem };\n",
        );
    }

    /// A one-line minified SDK of about 1 MB at `miniprogram_npm/sdk-{index}/index.js`,
    /// with a privacy API use every 100 KB.
    fn bundle(&mut self, index: usize) {
        let mut rng = self.rng(5_000_000 + index as u64);
        let mut js = String::from("!function(e,t){\"object\"==typeof exports&&\"undefined\"!=typeof module?module.exports=t():\"function\"==typeof define&&define.amd?define(t):(e=e||self).Sdk=t()}(this,function(){\"use strict\";");
        let mut next = 0usize;
        let mut name = |rng: &mut Rng| {
            next += 1;
            let letters = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
            format!("{}{}", letters[rng.below(letters.len())] as char, next)
        };
        let mut exported = Vec::new();
        let mut uses = 0;
        while js.len() < 1_000_000 {
            let f = name(&mut rng);
            let g = name(&mut rng);
            let piece = MINIFIED[rng.below(MINIFIED.len())];
            js.push_str(&fill(
                piece,
                &[
                    ("@F", &f),
                    ("@G", &g),
                    ("@N", &(1 + rng.below(900)).to_string()),
                    ("@K", &rng.below(90).to_string()),
                    ("@W", rng.pick(WORDS)),
                    ("@C", rng.pick(CHINESE)),
                ],
            ));
            exported.push(f);
            if js.len() / 100_000 > uses {
                uses += 1;
                let (code, apis) = MINIFIED_USES[rng.below(MINIFIED_USES.len())];
                let f = name(&mut rng);
                js.push_str(&fill(code, &[("@F", &f)]));
                for api in apis {
                    self.expect(api);
                }
            }
        }
        js.push_str("return{");
        let exports: Vec<String> = exported
            .iter()
            .step_by(97)
            .map(|f| format!("{f}:{f}"))
            .collect();
        js.push_str(&exports.join(","));
        js.push_str("}});");
        self.write(&format!("miniprogram_npm/sdk-{index}/index.js"), &js);
    }

    /// app.js, app.json, the wrapper of `wx.authorize`, project.config.json,
    /// privacy.json.
    fn app(&mut self, plan: &Plan, main_pages: &[String], subpackages: &[(String, Vec<String>)]) {
        self.write(
            "app.js",
            "const config = require('./utils/u0.js')\n\nApp({\n  globalData: { userInfo: null, host: config.host },\n  onLaunch() {\n    const logs = wx.getStorageSync('logs') || []\n    logs.unshift(Date.now())\n    wx.setStorageSync('logs', logs.slice(0, 50))\n    wx.onNeedPrivacyAuthorization((resolve) => {\n      this.globalData.privacyResolve = resolve\n    })\n  }\n})\n",
        );
        self.write(
            "utils/auth.js",
            "// Asks for a scope once, remembering the answer.\nfunction ensureScope(scope) {\n  return new Promise((resolve, reject) => {\n    wx.getSetting({\n      success(res) {\n        if (res.authSetting[scope]) return resolve()\n        wx.authorize({ scope: scope, success: resolve, fail: reject })\n      }\n    })\n  })\n}\n\nmodule.exports = { ensureScope }\n",
        );
        // The wrapper itself: an authorize call with a scope that is not a literal.
        self.expect("wx.authorize");
        let quoted = |pages: &[String]| {
            pages
                .iter()
                .map(|p| format!("\"{p}\""))
                .collect::<Vec<_>>()
                .join(",\n    ")
        };
        let mut app = format!(
            "{{\n  \"pages\": [\n    {}\n  ],\n  \"subpackages\": [\n",
            quoted(main_pages)
        );
        let subs: Vec<String> = subpackages
            .iter()
            .map(|(root, pages)| {
                format!(
                    "    {{\n      \"root\": \"{root}\",\n      \"pages\": [\n    {}\n      ]\n    }}",
                    quoted(pages)
                )
            })
            .collect();
        app.push_str(&subs.join(",\n"));
        let _ = write!(
            app,
            "\n  ],\n  \"usingComponents\": {{\n    \"lib-button\": \"lib-0/comp-1/index\",\n    \"lib-cell\": \"lib-{}/comp-2/index\"\n  }},\n  \"requiredPrivateInfos\": [\"getLocation\"],\n  \"permission\": {{\n    \"scope.userLocation\": {{ \"desc\": \"你的位置信息将用于推荐附近门店\" }}\n  }},\n  \"window\": {{ \"navigationBarTitleText\": \"mpaudit bench\" }},\n  \"sitemapLocation\": \"sitemap.json\"\n}}\n",
            plan.npm_packages - 1
        );
        self.write("app.json", &app);
        self.write(
            "sitemap.json",
            "{\n  \"rules\": [{ \"action\": \"allow\", \"page\": \"*\" }]\n}\n",
        );
        std::fs::write(
            self.out.join("project.config.json"),
            "{\n  \"miniprogramRoot\": \"miniprogram/\",\n  \"compileType\": \"miniprogram\",\n  \"appid\": \"wx0000000000000000\"\n}\n",
        )
        .expect("write project.config.json");
        self.write(
            "privacy.json",
            "{\n  \"setting_list\": [\n    { \"privacy_key\": \"Location\", \"privacy_text\": \"推荐附近的门店和配送范围\" },\n    { \"privacy_key\": \"Album\", \"privacy_text\": \"上传商品评价的图片\" }\n  ]\n}\n",
        );
    }
}

/// Writes the project into `out` (its `miniprogram/` and
/// `project.config.json`); returns what `expected.json` holds: the number of
/// files and bytes, and the uses by API.
pub fn generate(out: &Path, scale: f64, seed: u64) -> serde_json::Value {
    let plan = Plan::new(scale);
    let mut g = Generator {
        out: out.to_path_buf(),
        seed,
        expected: BTreeMap::new(),
        files: 0,
        bytes: 0,
    };
    let globals = vec!["lib-button".to_owned(), "lib-cell".to_owned()];
    let mut main_pages = Vec::new();
    for i in 0..plan.main_pages {
        let dir = format!("pages/p{i}");
        g.page(i, &dir, 2, &plan, &globals);
        main_pages.push(format!("{dir}/index"));
    }
    let mut subpackages = Vec::new();
    let mut index = plan.main_pages;
    for s in 0..plan.subpackages {
        let root = format!("package{s}");
        let mut pages = Vec::new();
        for i in 0..plan.pages_per_subpackage {
            let page = format!("pages/p{i}/index");
            g.page(index, &format!("{root}/pages/p{i}"), 3, &plan, &globals);
            index += 1;
            pages.push(page);
        }
        subpackages.push((root, pages));
    }
    for c in 0..plan.components {
        g.component(c, &plan);
    }
    for u in 0..plan.utils {
        g.util(u);
    }
    for n in 0..plan.npm_packages {
        g.npm_package(n, &plan);
    }
    for b in 0..plan.bundles {
        g.bundle(b);
    }
    g.app(&plan, &main_pages, &subpackages);
    let total: usize = g.expected.values().sum();
    serde_json::json!({
        "scale": scale,
        "seed": seed,
        "files": g.files,
        "bytes": g.bytes,
        "pages": index,
        "inventory": total,
        "by_api": g.expected,
    })
}

/// Compares the inventory of a JSON report file with `expected.json`.
fn verify_files(expected: &Path, report: &Path) -> Result<String, String> {
    let read = |path: &Path| -> Result<serde_json::Value, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    };
    verify(&read(expected)?, &read(report)?)
}

/// Compares the inventory of a JSON report (`mpaudit/v1`) with what
/// [`generate`] returned: the same number of uses of each API, in as many
/// files as were generated.
pub fn verify(expected: &serde_json::Value, report: &serde_json::Value) -> Result<String, String> {
    let mut found: BTreeMap<String, u64> = BTreeMap::new();
    for entry in report["inventory"]
        .as_array()
        .ok_or("the report has no inventory")?
    {
        let api = entry["api"].as_str().unwrap_or("?").to_owned();
        *found.entry(api).or_default() += 1;
    }
    let want: BTreeMap<String, u64> = expected["by_api"]
        .as_object()
        .ok_or("expected.json has no by_api")?
        .iter()
        .map(|(api, n)| (api.clone(), n.as_u64().unwrap_or(0)))
        .collect();
    let total: u64 = found.values().sum();
    let scanned = report["files"]["scanned"].as_u64().unwrap_or(0);
    if found != want || scanned != expected["files"].as_u64().unwrap_or(0) {
        return Err(format!(
            "the audit found {total} uses in {scanned} files, expected {} in {}:\n  found    {found:?}\n  expected {want:?}",
            expected["inventory"], expected["files"]
        ));
    }
    Ok(format!(
        "inventory ok: {total} uses in {scanned} files, as generated"
    ))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--verify") {
        let (Some(expected), Some(report)) = (args.get(1), args.get(2)) else {
            eprintln!("usage: gen_project --verify EXPECTED.json REPORT.json");
            return ExitCode::from(2);
        };
        return match verify_files(Path::new(expected), Path::new(report)) {
            Ok(message) => {
                println!("{message}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("{message}");
                ExitCode::FAILURE
            }
        };
    }
    let mut out = None;
    let mut scale = 1.0;
    let mut seed = 1;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--scale" => scale = it.next().and_then(|s| s.parse().ok()).unwrap_or(-1.0),
            "--seed" => seed = it.next().and_then(|s| s.parse().ok()).unwrap_or(1),
            other => out = Some(PathBuf::from(other)),
        }
    }
    let Some(out) = out.filter(|_| scale > 0.0) else {
        eprintln!("usage: gen_project OUT_DIR [--scale F] [--seed N]");
        return ExitCode::from(2);
    };
    if out.join("miniprogram").exists() {
        std::fs::remove_dir_all(out.join("miniprogram")).expect("remove the old project");
    }
    let facts = generate(&out, scale, seed);
    let text = serde_json::to_string_pretty(&facts).expect("json") + "\n";
    std::fs::write(out.join("expected.json"), &text).expect("write expected.json");
    println!(
        "generated {} files, {:.1} MB, {} pages, {} privacy uses in {}",
        facts["files"],
        facts["bytes"].as_f64().unwrap_or(0.0) / 1e6,
        facts["pages"],
        facts["inventory"],
        out.display()
    );
    ExitCode::SUCCESS
}
