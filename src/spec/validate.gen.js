// Generated from schema/cluster.schema.json by scripts/gen-validator.mjs. Do not edit.
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __esm = (fn, res) => function __init() {
  return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
};
var __commonJS = (cb, mod) => function __require() {
  return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// node_modules/ajv/dist/runtime/ucs2length.js
var require_ucs2length = __commonJS({
  "node_modules/ajv/dist/runtime/ucs2length.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    function ucs2length(str) {
      const len = str.length;
      let length = 0;
      let pos = 0;
      let value;
      while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 55296 && value <= 56319 && pos < len) {
          value = str.charCodeAt(pos);
          if ((value & 64512) === 56320)
            pos++;
        }
      }
      return length;
    }
    exports.default = ucs2length;
    ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default';
  }
});

// node_modules/ajv-formats/dist/formats.js
var require_formats = __commonJS({
  "node_modules/ajv-formats/dist/formats.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.formatNames = exports.fastFormats = exports.fullFormats = void 0;
    function fmtDef(validate2, compare) {
      return { validate: validate2, compare };
    }
    exports.fullFormats = {
      // date: http://tools.ietf.org/html/rfc3339#section-5.6
      date: fmtDef(date, compareDate),
      // date-time: http://tools.ietf.org/html/rfc3339#section-5.6
      time: fmtDef(getTime(true), compareTime),
      "date-time": fmtDef(getDateTime(true), compareDateTime),
      "iso-time": fmtDef(getTime(), compareIsoTime),
      "iso-date-time": fmtDef(getDateTime(), compareIsoDateTime),
      // duration: https://tools.ietf.org/html/rfc3339#appendix-A
      duration: /^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|(\d+W)?)$/,
      uri,
      "uri-reference": /^(?:[a-z][a-z0-9+\-.]*:)?(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'"()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?(?:\?(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i,
      // uri-template: https://tools.ietf.org/html/rfc6570
      "uri-template": /^(?:(?:[^\x00-\x20"'<>%\\^`{|}]|%[0-9a-f]{2})|\{[+#./;?&=,!@|]?(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?(?:,(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?)*\})*$/i,
      // For the source: https://gist.github.com/dperini/729294
      // For test cases: https://mathiasbynens.be/demo/url-regex
      url: /^(?:https?|ftp):\/\/(?:\S+(?::\S*)?@)?(?:(?!(?:10|127)(?:\.\d{1,3}){3})(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})(?!172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2})(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))|(?:(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)(?:\.(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)*(?:\.(?:[a-z\u{00a1}-\u{ffff}]{2,})))(?::\d{2,5})?(?:\/[^\s]*)?$/iu,
      email: /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i,
      hostname: /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i,
      // optimized https://www.safaribooksonline.com/library/view/regular-expressions-cookbook/9780596802837/ch07s16.html
      ipv4: /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,
      ipv6: /^((([0-9a-f]{1,4}:){7}([0-9a-f]{1,4}|:))|(([0-9a-f]{1,4}:){6}(:[0-9a-f]{1,4}|((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){5}(((:[0-9a-f]{1,4}){1,2})|:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){4}(((:[0-9a-f]{1,4}){1,3})|((:[0-9a-f]{1,4})?:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){3}(((:[0-9a-f]{1,4}){1,4})|((:[0-9a-f]{1,4}){0,2}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){2}(((:[0-9a-f]{1,4}){1,5})|((:[0-9a-f]{1,4}){0,3}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){1}(((:[0-9a-f]{1,4}){1,6})|((:[0-9a-f]{1,4}){0,4}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(:(((:[0-9a-f]{1,4}){1,7})|((:[0-9a-f]{1,4}){0,5}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:)))$/i,
      regex,
      // uuid: http://tools.ietf.org/html/rfc4122
      uuid: /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,
      // JSON-pointer: https://tools.ietf.org/html/rfc6901
      // uri fragment: https://tools.ietf.org/html/rfc3986#appendix-A
      "json-pointer": /^(?:\/(?:[^~/]|~0|~1)*)*$/,
      "json-pointer-uri-fragment": /^#(?:\/(?:[a-z0-9_\-.!$&'()*+,;:=@]|%[0-9a-f]{2}|~0|~1)*)*$/i,
      // relative JSON-pointer: http://tools.ietf.org/html/draft-luff-relative-json-pointer-00
      "relative-json-pointer": /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/,
      // the following formats are used by the openapi specification: https://spec.openapis.org/oas/v3.0.0#data-types
      // byte: https://github.com/miguelmota/is-base64
      byte,
      // signed 32 bit integer
      int32: { type: "number", validate: validateInt32 },
      // signed 64 bit integer
      int64: { type: "number", validate: validateInt64 },
      // C-type float
      float: { type: "number", validate: validateNumber },
      // C-type double
      double: { type: "number", validate: validateNumber },
      // hint to the UI to hide input strings
      password: true,
      // unchecked string payload
      binary: true
    };
    exports.fastFormats = {
      ...exports.fullFormats,
      date: fmtDef(/^\d\d\d\d-[0-1]\d-[0-3]\d$/, compareDate),
      time: fmtDef(/^(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i, compareTime),
      "date-time": fmtDef(/^\d\d\d\d-[0-1]\d-[0-3]\dt(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i, compareDateTime),
      "iso-time": fmtDef(/^(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i, compareIsoTime),
      "iso-date-time": fmtDef(/^\d\d\d\d-[0-1]\d-[0-3]\d[t\s](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i, compareIsoDateTime),
      // uri: https://github.com/mafintosh/is-my-json-valid/blob/master/formats.js
      uri: /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/)?[^\s]*$/i,
      "uri-reference": /^(?:(?:[a-z][a-z0-9+\-.]*:)?\/?\/)?(?:[^\\\s#][^\s#]*)?(?:#[^\\\s]*)?$/i,
      // email (sources from jsen validator):
      // http://stackoverflow.com/questions/201323/using-a-regular-expression-to-validate-an-email-address#answer-8829363
      // http://www.w3.org/TR/html5/forms.html#valid-e-mail-address (search for 'wilful violation')
      email: /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i
    };
    exports.formatNames = Object.keys(exports.fullFormats);
    function isLeapYear(year) {
      return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    }
    var DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
    var DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    function date(str) {
      const matches = DATE.exec(str);
      if (!matches)
        return false;
      const year = +matches[1];
      const month = +matches[2];
      const day = +matches[3];
      return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && isLeapYear(year) ? 29 : DAYS[month]);
    }
    function compareDate(d1, d2) {
      if (!(d1 && d2))
        return void 0;
      if (d1 > d2)
        return 1;
      if (d1 < d2)
        return -1;
      return 0;
    }
    var TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;
    function getTime(strictTimeZone) {
      return function time(str) {
        const matches = TIME.exec(str);
        if (!matches)
          return false;
        const hr = +matches[1];
        const min = +matches[2];
        const sec = +matches[3];
        const tz = matches[4];
        const tzSign = matches[5] === "-" ? -1 : 1;
        const tzH = +(matches[6] || 0);
        const tzM = +(matches[7] || 0);
        if (tzH > 23 || tzM > 59 || strictTimeZone && !tz)
          return false;
        if (hr <= 23 && min <= 59 && sec < 60)
          return true;
        const utcMin = min - tzM * tzSign;
        const utcHr = hr - tzH * tzSign - (utcMin < 0 ? 1 : 0);
        return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
      };
    }
    function compareTime(s1, s2) {
      if (!(s1 && s2))
        return void 0;
      const t1 = (/* @__PURE__ */ new Date("2020-01-01T" + s1)).valueOf();
      const t2 = (/* @__PURE__ */ new Date("2020-01-01T" + s2)).valueOf();
      if (!(t1 && t2))
        return void 0;
      return t1 - t2;
    }
    function compareIsoTime(t1, t2) {
      if (!(t1 && t2))
        return void 0;
      const a1 = TIME.exec(t1);
      const a2 = TIME.exec(t2);
      if (!(a1 && a2))
        return void 0;
      t1 = a1[1] + a1[2] + a1[3];
      t2 = a2[1] + a2[2] + a2[3];
      if (t1 > t2)
        return 1;
      if (t1 < t2)
        return -1;
      return 0;
    }
    var DATE_TIME_SEPARATOR = /t|\s/i;
    function getDateTime(strictTimeZone) {
      const time = getTime(strictTimeZone);
      return function date_time(str) {
        const dateTime = str.split(DATE_TIME_SEPARATOR);
        return dateTime.length === 2 && date(dateTime[0]) && time(dateTime[1]);
      };
    }
    function compareDateTime(dt1, dt2) {
      if (!(dt1 && dt2))
        return void 0;
      const d1 = new Date(dt1).valueOf();
      const d2 = new Date(dt2).valueOf();
      if (!(d1 && d2))
        return void 0;
      return d1 - d2;
    }
    function compareIsoDateTime(dt1, dt2) {
      if (!(dt1 && dt2))
        return void 0;
      const [d1, t1] = dt1.split(DATE_TIME_SEPARATOR);
      const [d2, t2] = dt2.split(DATE_TIME_SEPARATOR);
      const res = compareDate(d1, d2);
      if (res === void 0)
        return void 0;
      return res || compareTime(t1, t2);
    }
    var NOT_URI_FRAGMENT = /\/|:/;
    var URI = /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;
    function uri(str) {
      return NOT_URI_FRAGMENT.test(str) && URI.test(str);
    }
    var BYTE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/gm;
    function byte(str) {
      BYTE.lastIndex = 0;
      return BYTE.test(str);
    }
    var MIN_INT32 = -(2 ** 31);
    var MAX_INT32 = 2 ** 31 - 1;
    function validateInt32(value) {
      return Number.isInteger(value) && value <= MAX_INT32 && value >= MIN_INT32;
    }
    function validateInt64(value) {
      return Number.isInteger(value);
    }
    function validateNumber() {
      return true;
    }
    var Z_ANCHOR = /[^\\]\\Z/;
    function regex(str) {
      if (Z_ANCHOR.test(str))
        return false;
      try {
        new RegExp(str);
        return true;
      } catch (e) {
        return false;
      }
    }
  }
});

// src/spec/formats.ts
var formats_exports = {};
__export(formats_exports, {
  formats: () => formats,
  plainHttpUrl: () => plainHttpUrl
});
var import_formats, fullUri, plainHttpUrl, formats;
var init_formats = __esm({
  "src/spec/formats.ts"() {
    "use strict";
    import_formats = __toESM(require_formats(), 1);
    fullUri = import_formats.fullFormats.uri;
    plainHttpUrl = /^https?:\/\/[a-z0-9.-]+(?::\d+)?(?:\/[a-z0-9._~-]*)*$/;
    formats = { ...import_formats.fullFormats, uri: (value) => plainHttpUrl.test(value) || fullUri(value) };
  }
});

// validate.gen.js
var validate = validate20;
var validate_gen_default = validate20;
var schema31 = { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://cto.dev/schema/cluster.schema.json", "title": "Cluster", "description": "A bare-metal Kubernetes cluster on Latitude.sh running Talos Linux, Cilium, Argo CD and Mayastor, as `cto plan` and `cto apply` build it.", "type": "object", "additionalProperties": false, "required": ["apiVersion", "kind", "metadata", "spec"], "properties": { "$schema": { "type": "string", "description": "Optional path or URL of this schema, for editors." }, "apiVersion": { "const": "cto.dev/v1alpha1", "description": "Version of the spec format." }, "kind": { "const": "Cluster", "description": "Always `Cluster`." }, "metadata": { "type": "object", "description": "Identity of the cluster.", "additionalProperties": false, "required": ["name"], "properties": { "name": { "type": "string", "description": "Cluster name: a DNS label of at most 40 characters. It prefixes every server hostname (`<name>-cp-0`), which Latitude limits to 32 characters, and tags the servers so that `cto` never touches servers of another cluster.", "pattern": "^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$" } } }, "spec": { "type": "object", "description": "The desired cluster.", "additionalProperties": false, "required": ["provider", "region", "nodes"], "properties": { "profile": { "type": "string", "enum": ["standard", "minimal", "production"], "default": "standard", "description": "Preset for values the spec leaves out; a value written in the spec always wins. `standard`: the original installer's defaults (2 Mayastor replicas, 1024 HugePages, 30m sync timeout). `minimal`: 1 Mayastor replica and 15m sync timeout, for a throw-away or single-worker cluster. `production`: 3 Mayastor replicas, 2048 HugePages and a 45m sync timeout; requires an odd control-plane count of at least 3." }, "provider": { "type": "object", "description": "Where the servers come from.", "additionalProperties": false, "required": ["latitude"], "properties": { "latitude": { "type": "object", "description": "Latitude.sh account settings.", "additionalProperties": false, "required": ["project", "apiKey"], "properties": { "project": { "type": "string", "minLength": 1, "description": "Latitude project id or slug (e.g. `${env:LATITUDE_PROJECT_ID}`).", "x-sensitive": false }, "apiKey": { "type": "string", "minLength": 1, "description": "Latitude API key. Always write it as `${env:LATITUDE_API_KEY}`; it is never printed.", "x-sensitive": true }, "endpoint": { "type": "string", "format": "uri", "pattern": "^https?://", "default": "https://api.latitude.sh", "description": "API base URL; point it at `cto sim serve` to run against the simulator.", "x-sensitive": false }, "billing": { "type": "string", "enum": ["hourly", "monthly", "yearly"], "default": "hourly", "description": "Billing period of created servers." }, "currency": { "type": "string", "pattern": "^[A-Z]{3}$", "default": "USD", "description": "Currency of the server prices a plan shows (the catalog's per-site `pricing`; Latitude publishes `USD` and `BRL`). A price the catalog does not give in it is shown as unknown." } } } } }, "region": { "type": "object", "description": "Where the servers are placed: a fixed site, or the first site of a fallback list that has every plan in stock.", "additionalProperties": false, "properties": { "site": { "type": "string", "pattern": "^[A-Z][A-Z0-9]{1,9}$", "description": "Latitude site slug, e.g. `MIA2`." }, "auto": { "type": "boolean", "description": "Pick the first site of `fallback` where every requested plan is in stock." }, "fallback": { "type": "array", "description": "Sites tried in order when `auto` is true.", "items": { "type": "string", "pattern": "^[A-Z][A-Z0-9]{1,9}$", "description": "Latitude site slug." }, "minItems": 1, "uniqueItems": true, "default": ["MIA2", "DAL", "ASH", "LAX"] } }, "oneOf": [{ "required": ["site"], "not": { "required": ["auto"] } }, { "required": ["auto"], "properties": { "auto": { "const": true } }, "not": { "required": ["site"] } }] }, "nodes": { "type": "object", "description": "How many servers of which plan.", "additionalProperties": false, "required": ["controlPlane"], "properties": { "controlPlane": { "$ref": "#/$defs/pool", "description": "Control-plane servers (`cp-0`, `cp-1`, \u2026); the count must be odd so etcd keeps quorum." }, "workers": { "$ref": "#/$defs/pool", "description": "Worker servers (`worker-0`, \u2026). Workers are the Mayastor storage nodes.", "default": { "count": 1, "plan": "c2-small-x86" } } } }, "talos": { "type": "object", "description": "Talos Linux settings.", "additionalProperties": false, "default": {}, "properties": { "version": { "type": "string", "pattern": "^v1\\.(9|1[0-9])\\.[0-9]+$", "default": "v1.13.9", "description": "Talos version booted by iPXE and installed; also the config contract." }, "kubernetesVersion": { "type": "string", "pattern": "^1\\.[0-9]{2}\\.[0-9]+$", "default": "1.36.3", "description": "Kubernetes version." }, "schematic": { "type": "string", "pattern": "^[0-9a-f]{64}$", "default": "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba", "description": "Image Factory schematic id for the iPXE boot and the installer image (default: vanilla Talos)." }, "installDisk": { "default": "/dev/nvme0n1", "description": "Disk Talos installs itself to: a path (`/dev/nvme0n1`, `/dev/disk/by-path/pci-0000:c1:00.0-nvme-1`), or a selector that Talos resolves on each node (`machine.install.diskSelector`; the first disk that matches, in the node's disk order; one size condition, not a range).", "oneOf": [{ "$ref": "#/$defs/diskPath" }, { "$ref": "#/$defs/diskSelector" }] }, "hugepages": { "x-profile-default": true, "type": "integer", "minimum": 0, "maximum": 262144, "description": "Number of 2 MiB HugePages on storage nodes (Mayastor needs at least 1024). Default from the profile: 1024." }, "certSANs": { "type": "array", "items": { "type": "string", "minLength": 1, "description": "A DNS name or IP address." }, "default": [], "description": "Extra names and addresses for the Talos and Kubernetes API certificates." }, "patches": { "type": "object", "description": "Raw Talos machine-config patches (strategic merge), applied after the ones `cto` renders.", "additionalProperties": false, "default": {}, "properties": { "all": { "type": "array", "items": { "type": "object", "description": "A patch." }, "default": [], "description": "Patches for every node." }, "controlPlane": { "type": "array", "items": { "type": "object", "description": "A patch." }, "default": [], "description": "Patches for control-plane nodes." }, "workers": { "type": "array", "items": { "type": "object", "description": "A patch." }, "default": [], "description": "Patches for workers." } } } } }, "network": { "type": "object", "description": "Cluster networking.", "additionalProperties": false, "default": {}, "properties": { "podCIDR": { "type": "string", "default": "10.244.0.0/16", "description": "Pod network (IPv4 CIDR)." }, "serviceCIDR": { "type": "string", "default": "10.96.0.0/12", "description": "Service network (IPv4 CIDR); must not overlap `podCIDR`." }, "private": { "type": "object", "description": "A private network between the nodes: a Latitude virtual network (VLAN) in the cluster's site that every server is assigned to. Each node gets a static address in `subnet` (control planes from the first address up, workers from the last down, so scaling one group never renumbers the other); etcd, the kubelet, Cilium and Mayastor use these addresses. Changing `subnet` or `vip` on a live cluster needs `--allow-destroy`.", "additionalProperties": false, "required": ["subnet"], "properties": { "subnet": { "type": "string", "description": "IPv4 network in CIDR form, e.g. `10.8.0.0/24`; must not overlap `podCIDR` or `serviceCIDR` and must hold an address for every node." }, "vip": { "type": "string", "description": "A Talos shared virtual IP on the private network for the Kubernetes API (an address of `subnet` that is no node's): the endpoint the nodes use when `controlPlane.endpoint` is not set. It moves to a healthy control plane when the one holding it fails." }, "interface": { "type": "string", "pattern": "^[a-z][a-z0-9.-]{0,14}$", "description": "Network interface the VLAN arrives on, tagged (Latitude delivers it on the server's second NIC). Default: read from each node (`talosctl get links`): its one physical link that does not carry its public address; a node where that is not one link is refused, naming the links it has." } } } } }, "controlPlane": { "type": "object", "description": "How clients and nodes reach the Kubernetes API.", "additionalProperties": false, "properties": { "endpoint": { "type": "string", "pattern": "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$", "description": "A DNS name you manage that resolves to every control plane's public address (or to a load balancer in front of them): the endpoint of the merged kubeconfig and of the nodes. Without it the kubeconfig names cp-0's address, and the nodes use `network.private.vip` (or cp-0)." } } }, "access": { "type": "object", "description": "Who may reach the cluster from outside.", "additionalProperties": false, "properties": { "adminCIDRs": { "type": "array", "minItems": 1, "items": { "type": "string", "description": "An IPv4 network in CIDR form, e.g. `203.0.113.7/32`." }, "description": "Networks allowed to reach the Talos API (50000) and the Kubernetes API (6443). With it, every server gets a Latitude firewall as soon as it exists (only these networks reach 50000 and 6443, so Talos' unauthenticated maintenance mode is never open to the internet) and Talos' ingress firewall (every other cluster port only from `network.private.subnet`, which this needs). Both also open to the cluster's own servers' public addresses what the nodes reach there: the Talos API from the control planes and, with `controlPlane.endpoint`, the Kubernetes API and trustd (50001) from every server. `0.0.0.0/0` is accepted with a warning." } } }, "platform": { "type": "object", "description": "Components installed before GitOps takes over.", "additionalProperties": false, "default": {}, "properties": { "cilium": { "type": "object", "description": "Cilium CNI with kube-proxy replacement.", "additionalProperties": false, "default": {}, "properties": { "version": { "type": "string", "pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+$", "default": "1.20.2", "description": "Cilium chart version. The default is a release whose compatibility matrix covers the default `kubernetesVersion` (Cilium 1.20 is e2e-tested on Kubernetes 1.33\u20131.36)." }, "chart": { "type": "string", "minLength": 1, "description": "Chart source: a local chart folder or .tgz (air-gapped installs) or a chart URL. Default: the Cilium chart repository at `version`." }, "values": { "type": "object", "default": {}, "description": "Helm values merged on top of the Talos values `cto` sets." } } }, "localPathProvisioner": { "type": "object", "description": "local-path-provisioner, for Argo CD's and Mayastor's etcd volumes.", "additionalProperties": false, "default": {}, "properties": { "version": { "type": "string", "pattern": "^v[0-9]+\\.[0-9]+\\.[0-9]+$", "default": "v0.0.37", "description": "Release tag." }, "manifest": { "type": "string", "minLength": 1, "description": "Manifest source: a local file or URL. Default: the release manifest of `version`." } } }, "argocd": { "type": "object", "description": "Argo CD.", "additionalProperties": false, "default": {}, "properties": { "version": { "type": "string", "pattern": "^v[0-9]+\\.[0-9]+\\.[0-9]+$", "default": "v3.5.1", "description": "Release tag." }, "manifest": { "type": "string", "minLength": 1, "description": "Manifest source: a local file or URL. Default: the release `install.yaml` of `version`." } } } } }, "gitops": { "type": "object", "description": "The app-of-apps Argo CD syncs after install.", "additionalProperties": false, "required": ["repoURL"], "properties": { "repoURL": { "type": "string", "minLength": 1, "description": "Git repository URL.", "x-sensitive": false }, "path": { "type": "string", "default": "infra/gitops", "description": "Folder of the app-of-apps inside the repository." }, "revision": { "type": "string", "default": "main", "description": "Branch, tag or commit." }, "syncTimeout": { "x-profile-default": true, "type": "string", "pattern": "^([0-9]+h)?([0-9]+m)?([0-9]+s)?$", "minLength": 2, "description": "How long to wait for Synced and Healthy, e.g. `30m`. Default from the profile: 30m." }, "credentials": { "type": "object", "description": "Credentials for a private repository; write them as `${env:\u2026}`.", "additionalProperties": false, "required": ["username", "password"], "properties": { "username": { "type": "string", "minLength": 1, "description": "User name.", "x-sensitive": true }, "password": { "type": "string", "minLength": 1, "description": "Password or token.", "x-sensitive": true } } } } }, "storage": { "type": "object", "description": "Replicated storage.", "additionalProperties": false, "properties": { "mayastor": { "type": "object", "description": "OpenEBS Mayastor on every worker.", "additionalProperties": false, "required": ["disk"], "properties": { "disk": { "description": "Disk of each worker given to its DiskPool (wiped). A persistent link (`/dev/disk/by-id/\u2026`, `/dev/disk/by-path/\u2026`) is used as is; a selector is resolved on each worker to the one disk that matches, as its `/dev/disk/by-id/\u2026` link; a kernel name (`/dev/nvme1n1`) is resolved on each worker, once, to the by-id link of the disk that has that name, and recorded. Never the install disk, a disk holding a Talos partition, or a disk below 10 GiB.", "oneOf": [{ "$ref": "#/$defs/diskPath" }, { "$ref": "#/$defs/diskSelector" }] }, "replicas": { "x-profile-default": true, "type": "integer", "minimum": 1, "maximum": 3, "description": "Replicas per volume (the StorageClass `repl`), at most the number of workers. Default from the profile: 2." }, "default": { "type": "boolean", "default": true, "description": "Make the Mayastor StorageClass the cluster default." }, "storageClassName": { "type": "string", "pattern": "^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$", "default": "mayastor-nvme", "description": "Name of the StorageClass." }, "chartVersion": { "type": "string", "pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+$", "default": "4.5.1", "description": "OpenEBS umbrella chart version the GitOps tree pins." } } } } }, "kubeconfig": { "type": "object", "description": "Where the cluster's kubeconfig is merged.", "additionalProperties": false, "default": {}, "properties": { "path": { "type": "string", "minLength": 1, "description": "File to merge into; default `$KUBECONFIG` when it names one file, else `~/.kube/config`." }, "context": { "type": "string", "minLength": 1, "description": "Context name; default the cluster name." } } }, "upgrade": { "type": "object", "description": "How Talos and Kubernetes upgrades and rebooting config changes roll out on a running cluster: control planes one at a time, then workers; each node gated on etcd quorum and healthy Mayastor volumes, cordoned and drained, and back on the new version and Ready before the next.", "additionalProperties": false, "default": {}, "properties": { "maxUnavailable": { "type": "integer", "minimum": 1, "default": 1, "description": "Workers upgraded (drained and rebooted) at once. Control planes always go one at a time." }, "drainTimeoutSeconds": { "type": "integer", "minimum": 1, "default": 600, "description": "How long a drain may wait for PodDisruptionBudgets before the rollout stops, naming the pods that block it." }, "etcdSnapshots": { "type": "integer", "minimum": 1, "default": 3, "description": "etcd snapshots kept in the state folder (`etcd/`); one is taken before the first disruptive step of an apply." } } }, "destroy": { "type": "object", "description": "Safety switches for destructive changes.", "additionalProperties": false, "default": {}, "properties": { "allow": { "type": "boolean", "default": false, "description": "Allow replacing or deleting servers and wiping disks (the same as `--allow-destroy`)." } } } } } }, "$defs": { "diskPath": { "type": "string", "pattern": "^/dev/[A-Za-z0-9/_.:+@=-]+$", "description": "A device path: a kernel name (`/dev/nvme1n1`) or a persistent link (`/dev/disk/by-id/\u2026`, `/dev/disk/by-path/\u2026`)." }, "diskSelector": { "type": "object", "description": "Which disk, by its attributes (the vocabulary of Talos' `machine.install.diskSelector`; globs as in Talos). Every field given must match.", "additionalProperties": false, "minProperties": 1, "properties": { "size": { "description": 'Size condition as Talos writes it (`>= 1TB`, `< 2TiB`, `1.92TB` for equal; decimal and binary units), or a list of two for a range (`[">= 400GB", "<= 4TB"]`).', "oneOf": [{ "$ref": "#/$defs/sizeCondition" }, { "type": "array", "items": { "$ref": "#/$defs/sizeCondition" }, "minItems": 1, "maxItems": 2 }] }, "model": { "type": "string", "minLength": 1, "description": "Model glob (`/sys/block/<dev>/device/model`), e.g. `SAMSUNG MZQL2*`." }, "serial": { "type": "string", "minLength": 1, "description": "Serial number glob." }, "type": { "type": "string", "enum": ["nvme", "ssd", "hdd", "sd"], "description": "`nvme` (NVMe transport), `ssd` (not rotational), `hdd` (rotational) or `sd` (SD/MMC card)." }, "busPath": { "type": "string", "minLength": 1, "description": "Bus path glob, e.g. `/pci0000:00/*`." } } }, "sizeCondition": { "type": "string", "pattern": "^\\s*(>=|<=|>|<|==)?\\s*[0-9][0-9.,]*\\s*[A-Za-z]{0,3}\\s*$", "description": "An optional comparison (`>=`, `<=`, `>`, `<`, `==`) and a size with units." }, "pool": { "type": "object", "description": "A group of identical servers.", "additionalProperties": false, "required": ["count"], "properties": { "count": { "type": "integer", "minimum": 0, "maximum": 100, "description": "Number of servers." }, "plan": { "type": "string", "pattern": "^[a-z0-9][a-z0-9.-]*$", "default": "c2-small-x86", "description": "Latitude plan slug." } } } } };
var pattern4 = new RegExp("^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$", "u");
var pattern5 = new RegExp("^https?://", "u");
var pattern6 = new RegExp("^[A-Z]{3}$", "u");
var pattern7 = new RegExp("^[A-Z][A-Z0-9]{1,9}$", "u");
var pattern9 = new RegExp("^[a-z0-9][a-z0-9.-]*$", "u");
var pattern11 = new RegExp("^v1\\.(9|1[0-9])\\.[0-9]+$", "u");
var pattern12 = new RegExp("^1\\.[0-9]{2}\\.[0-9]+$", "u");
var pattern13 = new RegExp("^[0-9a-f]{64}$", "u");
var pattern14 = new RegExp("^/dev/[A-Za-z0-9/_.:+@=-]+$", "u");
var pattern17 = new RegExp("^[a-z][a-z0-9.-]{0,14}$", "u");
var pattern18 = new RegExp("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$", "u");
var pattern19 = new RegExp("^[0-9]+\\.[0-9]+\\.[0-9]+$", "u");
var pattern20 = new RegExp("^v[0-9]+\\.[0-9]+\\.[0-9]+$", "u");
var pattern22 = new RegExp("^([0-9]+h)?([0-9]+m)?([0-9]+s)?$", "u");
var pattern24 = new RegExp("^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$", "u");
var func1 = Object.prototype.hasOwnProperty;
var func2 = require_ucs2length().default;
var formats0 = (init_formats(), __toCommonJS(formats_exports)).formats.uri;
var schema35 = { "type": "object", "description": "Which disk, by its attributes (the vocabulary of Talos' `machine.install.diskSelector`; globs as in Talos). Every field given must match.", "additionalProperties": false, "minProperties": 1, "properties": { "size": { "description": 'Size condition as Talos writes it (`>= 1TB`, `< 2TiB`, `1.92TB` for equal; decimal and binary units), or a list of two for a range (`[">= 400GB", "<= 4TB"]`).', "oneOf": [{ "$ref": "#/$defs/sizeCondition" }, { "type": "array", "items": { "$ref": "#/$defs/sizeCondition" }, "minItems": 1, "maxItems": 2 }] }, "model": { "type": "string", "minLength": 1, "description": "Model glob (`/sys/block/<dev>/device/model`), e.g. `SAMSUNG MZQL2*`." }, "serial": { "type": "string", "minLength": 1, "description": "Serial number glob." }, "type": { "type": "string", "enum": ["nvme", "ssd", "hdd", "sd"], "description": "`nvme` (NVMe transport), `ssd` (not rotational), `hdd` (rotational) or `sd` (SD/MMC card)." }, "busPath": { "type": "string", "minLength": 1, "description": "Bus path glob, e.g. `/pci0000:00/*`." } } };
var pattern15 = new RegExp("^\\s*(>=|<=|>|<|==)?\\s*[0-9][0-9.,]*\\s*[A-Za-z]{0,3}\\s*$", "u");
function validate21(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate21.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (Object.keys(data).length < 1) {
      const err0 = { instancePath, schemaPath: "#/minProperties", keyword: "minProperties", params: { limit: 1 }, message: "must NOT have fewer than 1 properties" };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "size" || key0 === "model" || key0 === "serial" || key0 === "type" || key0 === "busPath")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.size !== void 0) {
      let data0 = data.size;
      const _errs3 = errors;
      let valid1 = false;
      let passing0 = null;
      const _errs4 = errors;
      if (typeof data0 === "string") {
        if (!pattern15.test(data0)) {
          const err2 = { instancePath: instancePath + "/size", schemaPath: "#/$defs/sizeCondition/pattern", keyword: "pattern", params: { pattern: "^\\s*(>=|<=|>|<|==)?\\s*[0-9][0-9.,]*\\s*[A-Za-z]{0,3}\\s*$" }, message: 'must match pattern "^\\s*(>=|<=|>|<|==)?\\s*[0-9][0-9.,]*\\s*[A-Za-z]{0,3}\\s*$"' };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
      } else {
        const err3 = { instancePath: instancePath + "/size", schemaPath: "#/$defs/sizeCondition/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
      var _valid0 = _errs4 === errors;
      if (_valid0) {
        valid1 = true;
        passing0 = 0;
      }
      const _errs7 = errors;
      if (Array.isArray(data0)) {
        if (data0.length > 2) {
          const err4 = { instancePath: instancePath + "/size", schemaPath: "#/properties/size/oneOf/1/maxItems", keyword: "maxItems", params: { limit: 2 }, message: "must NOT have more than 2 items" };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
        if (data0.length < 1) {
          const err5 = { instancePath: instancePath + "/size", schemaPath: "#/properties/size/oneOf/1/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
        const len0 = data0.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data1 = data0[i0];
          if (typeof data1 === "string") {
            if (!pattern15.test(data1)) {
              const err6 = { instancePath: instancePath + "/size/" + i0, schemaPath: "#/$defs/sizeCondition/pattern", keyword: "pattern", params: { pattern: "^\\s*(>=|<=|>|<|==)?\\s*[0-9][0-9.,]*\\s*[A-Za-z]{0,3}\\s*$" }, message: 'must match pattern "^\\s*(>=|<=|>|<|==)?\\s*[0-9][0-9.,]*\\s*[A-Za-z]{0,3}\\s*$"' };
              if (vErrors === null) {
                vErrors = [err6];
              } else {
                vErrors.push(err6);
              }
              errors++;
            }
          } else {
            const err7 = { instancePath: instancePath + "/size/" + i0, schemaPath: "#/$defs/sizeCondition/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
      } else {
        const err8 = { instancePath: instancePath + "/size", schemaPath: "#/properties/size/oneOf/1/type", keyword: "type", params: { type: "array" }, message: "must be array" };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
      var _valid0 = _errs7 === errors;
      if (_valid0 && valid1) {
        valid1 = false;
        passing0 = [passing0, 1];
      } else {
        if (_valid0) {
          valid1 = true;
          passing0 = 1;
        }
      }
      if (!valid1) {
        const err9 = { instancePath: instancePath + "/size", schemaPath: "#/properties/size/oneOf", keyword: "oneOf", params: { passingSchemas: passing0 }, message: "must match exactly one schema in oneOf" };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      } else {
        errors = _errs3;
        if (vErrors !== null) {
          if (_errs3) {
            vErrors.length = _errs3;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.model !== void 0) {
      let data2 = data.model;
      if (typeof data2 === "string") {
        if (func2(data2) < 1) {
          const err10 = { instancePath: instancePath + "/model", schemaPath: "#/properties/model/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
          if (vErrors === null) {
            vErrors = [err10];
          } else {
            vErrors.push(err10);
          }
          errors++;
        }
      } else {
        const err11 = { instancePath: instancePath + "/model", schemaPath: "#/properties/model/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
    }
    if (data.serial !== void 0) {
      let data3 = data.serial;
      if (typeof data3 === "string") {
        if (func2(data3) < 1) {
          const err12 = { instancePath: instancePath + "/serial", schemaPath: "#/properties/serial/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
          if (vErrors === null) {
            vErrors = [err12];
          } else {
            vErrors.push(err12);
          }
          errors++;
        }
      } else {
        const err13 = { instancePath: instancePath + "/serial", schemaPath: "#/properties/serial/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err13];
        } else {
          vErrors.push(err13);
        }
        errors++;
      }
    }
    if (data.type !== void 0) {
      let data4 = data.type;
      if (typeof data4 !== "string") {
        const err14 = { instancePath: instancePath + "/type", schemaPath: "#/properties/type/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
      if (!(data4 === "nvme" || data4 === "ssd" || data4 === "hdd" || data4 === "sd")) {
        const err15 = { instancePath: instancePath + "/type", schemaPath: "#/properties/type/enum", keyword: "enum", params: { allowedValues: schema35.properties.type.enum }, message: "must be equal to one of the allowed values" };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
    }
    if (data.busPath !== void 0) {
      let data5 = data.busPath;
      if (typeof data5 === "string") {
        if (func2(data5) < 1) {
          const err16 = { instancePath: instancePath + "/busPath", schemaPath: "#/properties/busPath/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
          if (vErrors === null) {
            vErrors = [err16];
          } else {
            vErrors.push(err16);
          }
          errors++;
        }
      } else {
        const err17 = { instancePath: instancePath + "/busPath", schemaPath: "#/properties/busPath/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
    }
  } else {
    const err18 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err18];
    } else {
      vErrors.push(err18);
    }
    errors++;
  }
  validate21.errors = vErrors;
  return errors === 0;
}
validate21.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };
function validate20(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  ;
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate20.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.apiVersion === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "apiVersion" }, message: "must have required property 'apiVersion'" };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.kind === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "kind" }, message: "must have required property 'kind'" };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.metadata === void 0) {
      const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "metadata" }, message: "must have required property 'metadata'" };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    if (data.spec === void 0) {
      const err3 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "spec" }, message: "must have required property 'spec'" };
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "$schema" || key0 === "apiVersion" || key0 === "kind" || key0 === "metadata" || key0 === "spec")) {
        const err4 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.$schema !== void 0) {
      if (typeof data.$schema !== "string") {
        const err5 = { instancePath: instancePath + "/$schema", schemaPath: "#/properties/%24schema/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.apiVersion !== void 0) {
      if ("cto.dev/v1alpha1" !== data.apiVersion) {
        const err6 = { instancePath: instancePath + "/apiVersion", schemaPath: "#/properties/apiVersion/const", keyword: "const", params: { allowedValue: "cto.dev/v1alpha1" }, message: "must be equal to constant" };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.kind !== void 0) {
      if ("Cluster" !== data.kind) {
        const err7 = { instancePath: instancePath + "/kind", schemaPath: "#/properties/kind/const", keyword: "const", params: { allowedValue: "Cluster" }, message: "must be equal to constant" };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.metadata !== void 0) {
      let data3 = data.metadata;
      if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
        if (data3.name === void 0) {
          const err8 = { instancePath: instancePath + "/metadata", schemaPath: "#/properties/metadata/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
        for (const key1 in data3) {
          if (!(key1 === "name")) {
            const err9 = { instancePath: instancePath + "/metadata", schemaPath: "#/properties/metadata/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
        }
        if (data3.name !== void 0) {
          let data4 = data3.name;
          if (typeof data4 === "string") {
            if (!pattern4.test(data4)) {
              const err10 = { instancePath: instancePath + "/metadata/name", schemaPath: "#/properties/metadata/properties/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$"' };
              if (vErrors === null) {
                vErrors = [err10];
              } else {
                vErrors.push(err10);
              }
              errors++;
            }
          } else {
            const err11 = { instancePath: instancePath + "/metadata/name", schemaPath: "#/properties/metadata/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err11];
            } else {
              vErrors.push(err11);
            }
            errors++;
          }
        }
      } else {
        const err12 = { instancePath: instancePath + "/metadata", schemaPath: "#/properties/metadata/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
    if (data.spec !== void 0) {
      let data5 = data.spec;
      if (data5 && typeof data5 == "object" && !Array.isArray(data5)) {
        if (data5.profile === void 0) {
          data5.profile = "standard";
        }
        if (data5.talos === void 0) {
          data5.talos = {};
        }
        if (data5.network === void 0) {
          data5.network = {};
        }
        if (data5.platform === void 0) {
          data5.platform = {};
        }
        if (data5.kubeconfig === void 0) {
          data5.kubeconfig = {};
        }
        if (data5.upgrade === void 0) {
          data5.upgrade = {};
        }
        if (data5.destroy === void 0) {
          data5.destroy = {};
        }
        if (data5.provider === void 0) {
          const err13 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/required", keyword: "required", params: { missingProperty: "provider" }, message: "must have required property 'provider'" };
          if (vErrors === null) {
            vErrors = [err13];
          } else {
            vErrors.push(err13);
          }
          errors++;
        }
        if (data5.region === void 0) {
          const err14 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/required", keyword: "required", params: { missingProperty: "region" }, message: "must have required property 'region'" };
          if (vErrors === null) {
            vErrors = [err14];
          } else {
            vErrors.push(err14);
          }
          errors++;
        }
        if (data5.nodes === void 0) {
          const err15 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/required", keyword: "required", params: { missingProperty: "nodes" }, message: "must have required property 'nodes'" };
          if (vErrors === null) {
            vErrors = [err15];
          } else {
            vErrors.push(err15);
          }
          errors++;
        }
        for (const key2 in data5) {
          if (!func1.call(schema31.properties.spec.properties, key2)) {
            const err16 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err16];
            } else {
              vErrors.push(err16);
            }
            errors++;
          }
        }
        let data6 = data5.profile;
        if (typeof data6 !== "string") {
          const err17 = { instancePath: instancePath + "/spec/profile", schemaPath: "#/properties/spec/properties/profile/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err17];
          } else {
            vErrors.push(err17);
          }
          errors++;
        }
        if (!(data6 === "standard" || data6 === "minimal" || data6 === "production")) {
          const err18 = { instancePath: instancePath + "/spec/profile", schemaPath: "#/properties/spec/properties/profile/enum", keyword: "enum", params: { allowedValues: schema31.properties.spec.properties.profile.enum }, message: "must be equal to one of the allowed values" };
          if (vErrors === null) {
            vErrors = [err18];
          } else {
            vErrors.push(err18);
          }
          errors++;
        }
        if (data5.provider !== void 0) {
          let data7 = data5.provider;
          if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
            if (data7.latitude === void 0) {
              const err19 = { instancePath: instancePath + "/spec/provider", schemaPath: "#/properties/spec/properties/provider/required", keyword: "required", params: { missingProperty: "latitude" }, message: "must have required property 'latitude'" };
              if (vErrors === null) {
                vErrors = [err19];
              } else {
                vErrors.push(err19);
              }
              errors++;
            }
            for (const key3 in data7) {
              if (!(key3 === "latitude")) {
                const err20 = { instancePath: instancePath + "/spec/provider", schemaPath: "#/properties/spec/properties/provider/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err20];
                } else {
                  vErrors.push(err20);
                }
                errors++;
              }
            }
            if (data7.latitude !== void 0) {
              let data8 = data7.latitude;
              if (data8 && typeof data8 == "object" && !Array.isArray(data8)) {
                if (data8.endpoint === void 0) {
                  data8.endpoint = "https://api.latitude.sh";
                }
                if (data8.billing === void 0) {
                  data8.billing = "hourly";
                }
                if (data8.currency === void 0) {
                  data8.currency = "USD";
                }
                if (data8.project === void 0) {
                  const err21 = { instancePath: instancePath + "/spec/provider/latitude", schemaPath: "#/properties/spec/properties/provider/properties/latitude/required", keyword: "required", params: { missingProperty: "project" }, message: "must have required property 'project'" };
                  if (vErrors === null) {
                    vErrors = [err21];
                  } else {
                    vErrors.push(err21);
                  }
                  errors++;
                }
                if (data8.apiKey === void 0) {
                  const err22 = { instancePath: instancePath + "/spec/provider/latitude", schemaPath: "#/properties/spec/properties/provider/properties/latitude/required", keyword: "required", params: { missingProperty: "apiKey" }, message: "must have required property 'apiKey'" };
                  if (vErrors === null) {
                    vErrors = [err22];
                  } else {
                    vErrors.push(err22);
                  }
                  errors++;
                }
                for (const key4 in data8) {
                  if (!(key4 === "project" || key4 === "apiKey" || key4 === "endpoint" || key4 === "billing" || key4 === "currency")) {
                    const err23 = { instancePath: instancePath + "/spec/provider/latitude", schemaPath: "#/properties/spec/properties/provider/properties/latitude/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key4 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err23];
                    } else {
                      vErrors.push(err23);
                    }
                    errors++;
                  }
                }
                if (data8.project !== void 0) {
                  let data9 = data8.project;
                  if (typeof data9 === "string") {
                    if (func2(data9) < 1) {
                      const err24 = { instancePath: instancePath + "/spec/provider/latitude/project", schemaPath: "#/properties/spec/properties/provider/properties/latitude/properties/project/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                      if (vErrors === null) {
                        vErrors = [err24];
                      } else {
                        vErrors.push(err24);
                      }
                      errors++;
                    }
                  } else {
                    const err25 = { instancePath: instancePath + "/spec/provider/latitude/project", schemaPath: "#/properties/spec/properties/provider/properties/latitude/properties/project/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err25];
                    } else {
                      vErrors.push(err25);
                    }
                    errors++;
                  }
                }
                if (data8.apiKey !== void 0) {
                  let data10 = data8.apiKey;
                  if (typeof data10 === "string") {
                    if (func2(data10) < 1) {
                      const err26 = { instancePath: instancePath + "/spec/provider/latitude/apiKey", schemaPath: "#/properties/spec/properties/provider/properties/latitude/properties/apiKey/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                      if (vErrors === null) {
                        vErrors = [err26];
                      } else {
                        vErrors.push(err26);
                      }
                      errors++;
                    }
                  } else {
                    const err27 = { instancePath: instancePath + "/spec/provider/latitude/apiKey", schemaPath: "#/properties/spec/properties/provider/properties/latitude/properties/apiKey/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err27];
                    } else {
                      vErrors.push(err27);
                    }
                    errors++;
                  }
                }
                let data11 = data8.endpoint;
                if (typeof data11 === "string") {
                  if (!pattern5.test(data11)) {
                    const err28 = { instancePath: instancePath + "/spec/provider/latitude/endpoint", schemaPath: "#/properties/spec/properties/provider/properties/latitude/properties/endpoint/pattern", keyword: "pattern", params: { pattern: "^https?://" }, message: 'must match pattern "^https?://"' };
                    if (vErrors === null) {
                      vErrors = [err28];
                    } else {
                      vErrors.push(err28);
                    }
                    errors++;
                  }
                  if (!formats0(data11)) {
                    const err29 = { instancePath: instancePath + "/spec/provider/latitude/endpoint", schemaPath: "#/properties/spec/properties/provider/properties/latitude/properties/endpoint/format", keyword: "format", params: { format: "uri" }, message: 'must match format "uri"' };
                    if (vErrors === null) {
                      vErrors = [err29];
                    } else {
                      vErrors.push(err29);
                    }
                    errors++;
                  }
                } else {
                  const err30 = { instancePath: instancePath + "/spec/provider/latitude/endpoint", schemaPath: "#/properties/spec/properties/provider/properties/latitude/properties/endpoint/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err30];
                  } else {
                    vErrors.push(err30);
                  }
                  errors++;
                }
                let data12 = data8.billing;
                if (typeof data12 !== "string") {
                  const err31 = { instancePath: instancePath + "/spec/provider/latitude/billing", schemaPath: "#/properties/spec/properties/provider/properties/latitude/properties/billing/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err31];
                  } else {
                    vErrors.push(err31);
                  }
                  errors++;
                }
                if (!(data12 === "hourly" || data12 === "monthly" || data12 === "yearly")) {
                  const err32 = { instancePath: instancePath + "/spec/provider/latitude/billing", schemaPath: "#/properties/spec/properties/provider/properties/latitude/properties/billing/enum", keyword: "enum", params: { allowedValues: schema31.properties.spec.properties.provider.properties.latitude.properties.billing.enum }, message: "must be equal to one of the allowed values" };
                  if (vErrors === null) {
                    vErrors = [err32];
                  } else {
                    vErrors.push(err32);
                  }
                  errors++;
                }
                let data13 = data8.currency;
                if (typeof data13 === "string") {
                  if (!pattern6.test(data13)) {
                    const err33 = { instancePath: instancePath + "/spec/provider/latitude/currency", schemaPath: "#/properties/spec/properties/provider/properties/latitude/properties/currency/pattern", keyword: "pattern", params: { pattern: "^[A-Z]{3}$" }, message: 'must match pattern "^[A-Z]{3}$"' };
                    if (vErrors === null) {
                      vErrors = [err33];
                    } else {
                      vErrors.push(err33);
                    }
                    errors++;
                  }
                } else {
                  const err34 = { instancePath: instancePath + "/spec/provider/latitude/currency", schemaPath: "#/properties/spec/properties/provider/properties/latitude/properties/currency/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err34];
                  } else {
                    vErrors.push(err34);
                  }
                  errors++;
                }
              } else {
                const err35 = { instancePath: instancePath + "/spec/provider/latitude", schemaPath: "#/properties/spec/properties/provider/properties/latitude/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err35];
                } else {
                  vErrors.push(err35);
                }
                errors++;
              }
            }
          } else {
            const err36 = { instancePath: instancePath + "/spec/provider", schemaPath: "#/properties/spec/properties/provider/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err36];
            } else {
              vErrors.push(err36);
            }
            errors++;
          }
        }
        if (data5.region !== void 0) {
          let data14 = data5.region;
          const _errs34 = errors;
          let valid5 = false;
          let passing0 = null;
          const _errs35 = errors;
          const _errs36 = errors;
          const _errs37 = errors;
          if (data14 && typeof data14 == "object" && !Array.isArray(data14)) {
            let missing0;
            if (data14.auto === void 0 && (missing0 = "auto")) {
              const err37 = {};
              if (vErrors === null) {
                vErrors = [err37];
              } else {
                vErrors.push(err37);
              }
              errors++;
            }
          }
          var valid6 = _errs37 === errors;
          if (valid6) {
            const err38 = { instancePath: instancePath + "/spec/region", schemaPath: "#/properties/spec/properties/region/oneOf/0/not", keyword: "not", params: {}, message: "must NOT be valid" };
            if (vErrors === null) {
              vErrors = [err38];
            } else {
              vErrors.push(err38);
            }
            errors++;
          } else {
            errors = _errs36;
            if (vErrors !== null) {
              if (_errs36) {
                vErrors.length = _errs36;
              } else {
                vErrors = null;
              }
            }
          }
          if (data14 && typeof data14 == "object" && !Array.isArray(data14)) {
            if (data14.site === void 0) {
              const err39 = { instancePath: instancePath + "/spec/region", schemaPath: "#/properties/spec/properties/region/oneOf/0/required", keyword: "required", params: { missingProperty: "site" }, message: "must have required property 'site'" };
              if (vErrors === null) {
                vErrors = [err39];
              } else {
                vErrors.push(err39);
              }
              errors++;
            }
          }
          var _valid0 = _errs35 === errors;
          if (_valid0) {
            valid5 = true;
            passing0 = 0;
          }
          const _errs38 = errors;
          const _errs39 = errors;
          const _errs40 = errors;
          if (data14 && typeof data14 == "object" && !Array.isArray(data14)) {
            let missing1;
            if (data14.site === void 0 && (missing1 = "site")) {
              const err40 = {};
              if (vErrors === null) {
                vErrors = [err40];
              } else {
                vErrors.push(err40);
              }
              errors++;
            }
          }
          var valid7 = _errs40 === errors;
          if (valid7) {
            const err41 = { instancePath: instancePath + "/spec/region", schemaPath: "#/properties/spec/properties/region/oneOf/1/not", keyword: "not", params: {}, message: "must NOT be valid" };
            if (vErrors === null) {
              vErrors = [err41];
            } else {
              vErrors.push(err41);
            }
            errors++;
          } else {
            errors = _errs39;
            if (vErrors !== null) {
              if (_errs39) {
                vErrors.length = _errs39;
              } else {
                vErrors = null;
              }
            }
          }
          if (data14 && typeof data14 == "object" && !Array.isArray(data14)) {
            if (data14.auto === void 0) {
              const err42 = { instancePath: instancePath + "/spec/region", schemaPath: "#/properties/spec/properties/region/oneOf/1/required", keyword: "required", params: { missingProperty: "auto" }, message: "must have required property 'auto'" };
              if (vErrors === null) {
                vErrors = [err42];
              } else {
                vErrors.push(err42);
              }
              errors++;
            }
            if (data14.auto !== void 0) {
              if (true !== data14.auto) {
                const err43 = { instancePath: instancePath + "/spec/region/auto", schemaPath: "#/properties/spec/properties/region/oneOf/1/properties/auto/const", keyword: "const", params: { allowedValue: true }, message: "must be equal to constant" };
                if (vErrors === null) {
                  vErrors = [err43];
                } else {
                  vErrors.push(err43);
                }
                errors++;
              }
            }
          }
          var _valid0 = _errs38 === errors;
          if (_valid0 && valid5) {
            valid5 = false;
            passing0 = [passing0, 1];
          } else {
            if (_valid0) {
              valid5 = true;
              passing0 = 1;
              var props0 = {};
              props0.auto = true;
            }
          }
          if (!valid5) {
            const err44 = { instancePath: instancePath + "/spec/region", schemaPath: "#/properties/spec/properties/region/oneOf", keyword: "oneOf", params: { passingSchemas: passing0 }, message: "must match exactly one schema in oneOf" };
            if (vErrors === null) {
              vErrors = [err44];
            } else {
              vErrors.push(err44);
            }
            errors++;
          } else {
            errors = _errs34;
            if (vErrors !== null) {
              if (_errs34) {
                vErrors.length = _errs34;
              } else {
                vErrors = null;
              }
            }
          }
          if (data14 && typeof data14 == "object" && !Array.isArray(data14)) {
            if (data14.fallback === void 0) {
              data14.fallback = ["MIA2", "DAL", "ASH", "LAX"];
            }
            for (const key5 in data14) {
              if (!(key5 === "site" || key5 === "auto" || key5 === "fallback")) {
                const err45 = { instancePath: instancePath + "/spec/region", schemaPath: "#/properties/spec/properties/region/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key5 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err45];
                } else {
                  vErrors.push(err45);
                }
                errors++;
              }
            }
            if (data14.site !== void 0) {
              let data16 = data14.site;
              if (typeof data16 === "string") {
                if (!pattern7.test(data16)) {
                  const err46 = { instancePath: instancePath + "/spec/region/site", schemaPath: "#/properties/spec/properties/region/properties/site/pattern", keyword: "pattern", params: { pattern: "^[A-Z][A-Z0-9]{1,9}$" }, message: 'must match pattern "^[A-Z][A-Z0-9]{1,9}$"' };
                  if (vErrors === null) {
                    vErrors = [err46];
                  } else {
                    vErrors.push(err46);
                  }
                  errors++;
                }
              } else {
                const err47 = { instancePath: instancePath + "/spec/region/site", schemaPath: "#/properties/spec/properties/region/properties/site/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err47];
                } else {
                  vErrors.push(err47);
                }
                errors++;
              }
            }
            if (data14.auto !== void 0) {
              if (typeof data14.auto !== "boolean") {
                const err48 = { instancePath: instancePath + "/spec/region/auto", schemaPath: "#/properties/spec/properties/region/properties/auto/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                if (vErrors === null) {
                  vErrors = [err48];
                } else {
                  vErrors.push(err48);
                }
                errors++;
              }
            }
            let data18 = data14.fallback;
            if (Array.isArray(data18)) {
              if (data18.length < 1) {
                const err49 = { instancePath: instancePath + "/spec/region/fallback", schemaPath: "#/properties/spec/properties/region/properties/fallback/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                if (vErrors === null) {
                  vErrors = [err49];
                } else {
                  vErrors.push(err49);
                }
                errors++;
              }
              const len0 = data18.length;
              for (let i0 = 0; i0 < len0; i0++) {
                let data19 = data18[i0];
                if (typeof data19 === "string") {
                  if (!pattern7.test(data19)) {
                    const err50 = { instancePath: instancePath + "/spec/region/fallback/" + i0, schemaPath: "#/properties/spec/properties/region/properties/fallback/items/pattern", keyword: "pattern", params: { pattern: "^[A-Z][A-Z0-9]{1,9}$" }, message: 'must match pattern "^[A-Z][A-Z0-9]{1,9}$"' };
                    if (vErrors === null) {
                      vErrors = [err50];
                    } else {
                      vErrors.push(err50);
                    }
                    errors++;
                  }
                } else {
                  const err51 = { instancePath: instancePath + "/spec/region/fallback/" + i0, schemaPath: "#/properties/spec/properties/region/properties/fallback/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err51];
                  } else {
                    vErrors.push(err51);
                  }
                  errors++;
                }
              }
              let i1 = data18.length;
              let j0;
              if (i1 > 1) {
                const indices0 = {};
                for (; i1--; ) {
                  let item0 = data18[i1];
                  if (typeof item0 !== "string") {
                    continue;
                  }
                  if (typeof indices0[item0] == "number") {
                    j0 = indices0[item0];
                    const err52 = { instancePath: instancePath + "/spec/region/fallback", schemaPath: "#/properties/spec/properties/region/properties/fallback/uniqueItems", keyword: "uniqueItems", params: { i: i1, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i1 + " are identical)" };
                    if (vErrors === null) {
                      vErrors = [err52];
                    } else {
                      vErrors.push(err52);
                    }
                    errors++;
                    break;
                  }
                  indices0[item0] = i1;
                }
              }
            } else {
              const err53 = { instancePath: instancePath + "/spec/region/fallback", schemaPath: "#/properties/spec/properties/region/properties/fallback/type", keyword: "type", params: { type: "array" }, message: "must be array" };
              if (vErrors === null) {
                vErrors = [err53];
              } else {
                vErrors.push(err53);
              }
              errors++;
            }
          } else {
            const err54 = { instancePath: instancePath + "/spec/region", schemaPath: "#/properties/spec/properties/region/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err54];
            } else {
              vErrors.push(err54);
            }
            errors++;
          }
        }
        if (data5.nodes !== void 0) {
          let data20 = data5.nodes;
          if (data20 && typeof data20 == "object" && !Array.isArray(data20)) {
            if (data20.workers === void 0) {
              data20.workers = { "count": 1, "plan": "c2-small-x86" };
            }
            if (data20.controlPlane === void 0) {
              const err55 = { instancePath: instancePath + "/spec/nodes", schemaPath: "#/properties/spec/properties/nodes/required", keyword: "required", params: { missingProperty: "controlPlane" }, message: "must have required property 'controlPlane'" };
              if (vErrors === null) {
                vErrors = [err55];
              } else {
                vErrors.push(err55);
              }
              errors++;
            }
            for (const key6 in data20) {
              if (!(key6 === "controlPlane" || key6 === "workers")) {
                const err56 = { instancePath: instancePath + "/spec/nodes", schemaPath: "#/properties/spec/properties/nodes/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key6 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err56];
                } else {
                  vErrors.push(err56);
                }
                errors++;
              }
            }
            if (data20.controlPlane !== void 0) {
              let data21 = data20.controlPlane;
              if (data21 && typeof data21 == "object" && !Array.isArray(data21)) {
                if (data21.plan === void 0) {
                  data21.plan = "c2-small-x86";
                }
                if (data21.count === void 0) {
                  const err57 = { instancePath: instancePath + "/spec/nodes/controlPlane", schemaPath: "#/$defs/pool/required", keyword: "required", params: { missingProperty: "count" }, message: "must have required property 'count'" };
                  if (vErrors === null) {
                    vErrors = [err57];
                  } else {
                    vErrors.push(err57);
                  }
                  errors++;
                }
                for (const key7 in data21) {
                  if (!(key7 === "count" || key7 === "plan")) {
                    const err58 = { instancePath: instancePath + "/spec/nodes/controlPlane", schemaPath: "#/$defs/pool/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key7 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err58];
                    } else {
                      vErrors.push(err58);
                    }
                    errors++;
                  }
                }
                if (data21.count !== void 0) {
                  let data22 = data21.count;
                  if (!(typeof data22 == "number" && (!(data22 % 1) && !isNaN(data22)) && isFinite(data22))) {
                    const err59 = { instancePath: instancePath + "/spec/nodes/controlPlane/count", schemaPath: "#/$defs/pool/properties/count/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                    if (vErrors === null) {
                      vErrors = [err59];
                    } else {
                      vErrors.push(err59);
                    }
                    errors++;
                  }
                  if (typeof data22 == "number" && isFinite(data22)) {
                    if (data22 > 100 || isNaN(data22)) {
                      const err60 = { instancePath: instancePath + "/spec/nodes/controlPlane/count", schemaPath: "#/$defs/pool/properties/count/maximum", keyword: "maximum", params: { comparison: "<=", limit: 100 }, message: "must be <= 100" };
                      if (vErrors === null) {
                        vErrors = [err60];
                      } else {
                        vErrors.push(err60);
                      }
                      errors++;
                    }
                    if (data22 < 0 || isNaN(data22)) {
                      const err61 = { instancePath: instancePath + "/spec/nodes/controlPlane/count", schemaPath: "#/$defs/pool/properties/count/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                      if (vErrors === null) {
                        vErrors = [err61];
                      } else {
                        vErrors.push(err61);
                      }
                      errors++;
                    }
                  }
                }
                let data23 = data21.plan;
                if (typeof data23 === "string") {
                  if (!pattern9.test(data23)) {
                    const err62 = { instancePath: instancePath + "/spec/nodes/controlPlane/plan", schemaPath: "#/$defs/pool/properties/plan/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9.-]*$" }, message: 'must match pattern "^[a-z0-9][a-z0-9.-]*$"' };
                    if (vErrors === null) {
                      vErrors = [err62];
                    } else {
                      vErrors.push(err62);
                    }
                    errors++;
                  }
                } else {
                  const err63 = { instancePath: instancePath + "/spec/nodes/controlPlane/plan", schemaPath: "#/$defs/pool/properties/plan/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err63];
                  } else {
                    vErrors.push(err63);
                  }
                  errors++;
                }
              } else {
                const err64 = { instancePath: instancePath + "/spec/nodes/controlPlane", schemaPath: "#/$defs/pool/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err64];
                } else {
                  vErrors.push(err64);
                }
                errors++;
              }
            }
            let data24 = data20.workers;
            if (data24 && typeof data24 == "object" && !Array.isArray(data24)) {
              if (data24.plan === void 0) {
                data24.plan = "c2-small-x86";
              }
              if (data24.count === void 0) {
                const err65 = { instancePath: instancePath + "/spec/nodes/workers", schemaPath: "#/$defs/pool/required", keyword: "required", params: { missingProperty: "count" }, message: "must have required property 'count'" };
                if (vErrors === null) {
                  vErrors = [err65];
                } else {
                  vErrors.push(err65);
                }
                errors++;
              }
              for (const key8 in data24) {
                if (!(key8 === "count" || key8 === "plan")) {
                  const err66 = { instancePath: instancePath + "/spec/nodes/workers", schemaPath: "#/$defs/pool/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key8 }, message: "must NOT have additional properties" };
                  if (vErrors === null) {
                    vErrors = [err66];
                  } else {
                    vErrors.push(err66);
                  }
                  errors++;
                }
              }
              if (data24.count !== void 0) {
                let data25 = data24.count;
                if (!(typeof data25 == "number" && (!(data25 % 1) && !isNaN(data25)) && isFinite(data25))) {
                  const err67 = { instancePath: instancePath + "/spec/nodes/workers/count", schemaPath: "#/$defs/pool/properties/count/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                  if (vErrors === null) {
                    vErrors = [err67];
                  } else {
                    vErrors.push(err67);
                  }
                  errors++;
                }
                if (typeof data25 == "number" && isFinite(data25)) {
                  if (data25 > 100 || isNaN(data25)) {
                    const err68 = { instancePath: instancePath + "/spec/nodes/workers/count", schemaPath: "#/$defs/pool/properties/count/maximum", keyword: "maximum", params: { comparison: "<=", limit: 100 }, message: "must be <= 100" };
                    if (vErrors === null) {
                      vErrors = [err68];
                    } else {
                      vErrors.push(err68);
                    }
                    errors++;
                  }
                  if (data25 < 0 || isNaN(data25)) {
                    const err69 = { instancePath: instancePath + "/spec/nodes/workers/count", schemaPath: "#/$defs/pool/properties/count/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                    if (vErrors === null) {
                      vErrors = [err69];
                    } else {
                      vErrors.push(err69);
                    }
                    errors++;
                  }
                }
              }
              let data26 = data24.plan;
              if (typeof data26 === "string") {
                if (!pattern9.test(data26)) {
                  const err70 = { instancePath: instancePath + "/spec/nodes/workers/plan", schemaPath: "#/$defs/pool/properties/plan/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9.-]*$" }, message: 'must match pattern "^[a-z0-9][a-z0-9.-]*$"' };
                  if (vErrors === null) {
                    vErrors = [err70];
                  } else {
                    vErrors.push(err70);
                  }
                  errors++;
                }
              } else {
                const err71 = { instancePath: instancePath + "/spec/nodes/workers/plan", schemaPath: "#/$defs/pool/properties/plan/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err71];
                } else {
                  vErrors.push(err71);
                }
                errors++;
              }
            } else {
              const err72 = { instancePath: instancePath + "/spec/nodes/workers", schemaPath: "#/$defs/pool/type", keyword: "type", params: { type: "object" }, message: "must be object" };
              if (vErrors === null) {
                vErrors = [err72];
              } else {
                vErrors.push(err72);
              }
              errors++;
            }
          } else {
            const err73 = { instancePath: instancePath + "/spec/nodes", schemaPath: "#/properties/spec/properties/nodes/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err73];
            } else {
              vErrors.push(err73);
            }
            errors++;
          }
        }
        let data27 = data5.talos;
        if (data27 && typeof data27 == "object" && !Array.isArray(data27)) {
          if (data27.version === void 0) {
            data27.version = "v1.13.9";
          }
          if (data27.kubernetesVersion === void 0) {
            data27.kubernetesVersion = "1.36.3";
          }
          if (data27.schematic === void 0) {
            data27.schematic = "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba";
          }
          if (data27.installDisk === void 0) {
            data27.installDisk = "/dev/nvme0n1";
          }
          if (data27.certSANs === void 0) {
            data27.certSANs = [];
          }
          if (data27.patches === void 0) {
            data27.patches = {};
          }
          for (const key9 in data27) {
            if (!(key9 === "version" || key9 === "kubernetesVersion" || key9 === "schematic" || key9 === "installDisk" || key9 === "hugepages" || key9 === "certSANs" || key9 === "patches")) {
              const err74 = { instancePath: instancePath + "/spec/talos", schemaPath: "#/properties/spec/properties/talos/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key9 }, message: "must NOT have additional properties" };
              if (vErrors === null) {
                vErrors = [err74];
              } else {
                vErrors.push(err74);
              }
              errors++;
            }
          }
          let data28 = data27.version;
          if (typeof data28 === "string") {
            if (!pattern11.test(data28)) {
              const err75 = { instancePath: instancePath + "/spec/talos/version", schemaPath: "#/properties/spec/properties/talos/properties/version/pattern", keyword: "pattern", params: { pattern: "^v1\\.(9|1[0-9])\\.[0-9]+$" }, message: 'must match pattern "^v1\\.(9|1[0-9])\\.[0-9]+$"' };
              if (vErrors === null) {
                vErrors = [err75];
              } else {
                vErrors.push(err75);
              }
              errors++;
            }
          } else {
            const err76 = { instancePath: instancePath + "/spec/talos/version", schemaPath: "#/properties/spec/properties/talos/properties/version/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err76];
            } else {
              vErrors.push(err76);
            }
            errors++;
          }
          let data29 = data27.kubernetesVersion;
          if (typeof data29 === "string") {
            if (!pattern12.test(data29)) {
              const err77 = { instancePath: instancePath + "/spec/talos/kubernetesVersion", schemaPath: "#/properties/spec/properties/talos/properties/kubernetesVersion/pattern", keyword: "pattern", params: { pattern: "^1\\.[0-9]{2}\\.[0-9]+$" }, message: 'must match pattern "^1\\.[0-9]{2}\\.[0-9]+$"' };
              if (vErrors === null) {
                vErrors = [err77];
              } else {
                vErrors.push(err77);
              }
              errors++;
            }
          } else {
            const err78 = { instancePath: instancePath + "/spec/talos/kubernetesVersion", schemaPath: "#/properties/spec/properties/talos/properties/kubernetesVersion/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err78];
            } else {
              vErrors.push(err78);
            }
            errors++;
          }
          let data30 = data27.schematic;
          if (typeof data30 === "string") {
            if (!pattern13.test(data30)) {
              const err79 = { instancePath: instancePath + "/spec/talos/schematic", schemaPath: "#/properties/spec/properties/talos/properties/schematic/pattern", keyword: "pattern", params: { pattern: "^[0-9a-f]{64}$" }, message: 'must match pattern "^[0-9a-f]{64}$"' };
              if (vErrors === null) {
                vErrors = [err79];
              } else {
                vErrors.push(err79);
              }
              errors++;
            }
          } else {
            const err80 = { instancePath: instancePath + "/spec/talos/schematic", schemaPath: "#/properties/spec/properties/talos/properties/schematic/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err80];
            } else {
              vErrors.push(err80);
            }
            errors++;
          }
          let data31 = data27.installDisk;
          const _errs80 = errors;
          let valid19 = false;
          let passing1 = null;
          const _errs81 = errors;
          if (typeof data31 === "string") {
            if (!pattern14.test(data31)) {
              const err81 = { instancePath: instancePath + "/spec/talos/installDisk", schemaPath: "#/$defs/diskPath/pattern", keyword: "pattern", params: { pattern: "^/dev/[A-Za-z0-9/_.:+@=-]+$" }, message: 'must match pattern "^/dev/[A-Za-z0-9/_.:+@=-]+$"' };
              if (vErrors === null) {
                vErrors = [err81];
              } else {
                vErrors.push(err81);
              }
              errors++;
            }
          } else {
            const err82 = { instancePath: instancePath + "/spec/talos/installDisk", schemaPath: "#/$defs/diskPath/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err82];
            } else {
              vErrors.push(err82);
            }
            errors++;
          }
          var _valid1 = _errs81 === errors;
          if (_valid1) {
            valid19 = true;
            passing1 = 0;
          }
          const _errs84 = errors;
          if (!validate21(data31, { instancePath: instancePath + "/spec/talos/installDisk", parentData: data27, parentDataProperty: "installDisk", rootData, dynamicAnchors })) {
            vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
            errors = vErrors.length;
          }
          var _valid1 = _errs84 === errors;
          if (_valid1 && valid19) {
            valid19 = false;
            passing1 = [passing1, 1];
          } else {
            if (_valid1) {
              valid19 = true;
              passing1 = 1;
            }
          }
          if (!valid19) {
            const err83 = { instancePath: instancePath + "/spec/talos/installDisk", schemaPath: "#/properties/spec/properties/talos/properties/installDisk/oneOf", keyword: "oneOf", params: { passingSchemas: passing1 }, message: "must match exactly one schema in oneOf" };
            if (vErrors === null) {
              vErrors = [err83];
            } else {
              vErrors.push(err83);
            }
            errors++;
          } else {
            errors = _errs80;
            if (vErrors !== null) {
              if (_errs80) {
                vErrors.length = _errs80;
              } else {
                vErrors = null;
              }
            }
          }
          if (data27.hugepages !== void 0) {
            let data32 = data27.hugepages;
            if (!(typeof data32 == "number" && (!(data32 % 1) && !isNaN(data32)) && isFinite(data32))) {
              const err84 = { instancePath: instancePath + "/spec/talos/hugepages", schemaPath: "#/properties/spec/properties/talos/properties/hugepages/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
              if (vErrors === null) {
                vErrors = [err84];
              } else {
                vErrors.push(err84);
              }
              errors++;
            }
            if (typeof data32 == "number" && isFinite(data32)) {
              if (data32 > 262144 || isNaN(data32)) {
                const err85 = { instancePath: instancePath + "/spec/talos/hugepages", schemaPath: "#/properties/spec/properties/talos/properties/hugepages/maximum", keyword: "maximum", params: { comparison: "<=", limit: 262144 }, message: "must be <= 262144" };
                if (vErrors === null) {
                  vErrors = [err85];
                } else {
                  vErrors.push(err85);
                }
                errors++;
              }
              if (data32 < 0 || isNaN(data32)) {
                const err86 = { instancePath: instancePath + "/spec/talos/hugepages", schemaPath: "#/properties/spec/properties/talos/properties/hugepages/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                if (vErrors === null) {
                  vErrors = [err86];
                } else {
                  vErrors.push(err86);
                }
                errors++;
              }
            }
          }
          let data33 = data27.certSANs;
          if (Array.isArray(data33)) {
            const len1 = data33.length;
            for (let i2 = 0; i2 < len1; i2++) {
              let data34 = data33[i2];
              if (typeof data34 === "string") {
                if (func2(data34) < 1) {
                  const err87 = { instancePath: instancePath + "/spec/talos/certSANs/" + i2, schemaPath: "#/properties/spec/properties/talos/properties/certSANs/items/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                  if (vErrors === null) {
                    vErrors = [err87];
                  } else {
                    vErrors.push(err87);
                  }
                  errors++;
                }
              } else {
                const err88 = { instancePath: instancePath + "/spec/talos/certSANs/" + i2, schemaPath: "#/properties/spec/properties/talos/properties/certSANs/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err88];
                } else {
                  vErrors.push(err88);
                }
                errors++;
              }
            }
          } else {
            const err89 = { instancePath: instancePath + "/spec/talos/certSANs", schemaPath: "#/properties/spec/properties/talos/properties/certSANs/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err89];
            } else {
              vErrors.push(err89);
            }
            errors++;
          }
          let data35 = data27.patches;
          if (data35 && typeof data35 == "object" && !Array.isArray(data35)) {
            if (data35.all === void 0) {
              data35.all = [];
            }
            if (data35.controlPlane === void 0) {
              data35.controlPlane = [];
            }
            if (data35.workers === void 0) {
              data35.workers = [];
            }
            for (const key10 in data35) {
              if (!(key10 === "all" || key10 === "controlPlane" || key10 === "workers")) {
                const err90 = { instancePath: instancePath + "/spec/talos/patches", schemaPath: "#/properties/spec/properties/talos/properties/patches/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key10 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err90];
                } else {
                  vErrors.push(err90);
                }
                errors++;
              }
            }
            let data36 = data35.all;
            if (Array.isArray(data36)) {
              const len2 = data36.length;
              for (let i3 = 0; i3 < len2; i3++) {
                let data37 = data36[i3];
                if (!(data37 && typeof data37 == "object" && !Array.isArray(data37))) {
                  const err91 = { instancePath: instancePath + "/spec/talos/patches/all/" + i3, schemaPath: "#/properties/spec/properties/talos/properties/patches/properties/all/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                  if (vErrors === null) {
                    vErrors = [err91];
                  } else {
                    vErrors.push(err91);
                  }
                  errors++;
                }
              }
            } else {
              const err92 = { instancePath: instancePath + "/spec/talos/patches/all", schemaPath: "#/properties/spec/properties/talos/properties/patches/properties/all/type", keyword: "type", params: { type: "array" }, message: "must be array" };
              if (vErrors === null) {
                vErrors = [err92];
              } else {
                vErrors.push(err92);
              }
              errors++;
            }
            let data38 = data35.controlPlane;
            if (Array.isArray(data38)) {
              const len3 = data38.length;
              for (let i4 = 0; i4 < len3; i4++) {
                let data39 = data38[i4];
                if (!(data39 && typeof data39 == "object" && !Array.isArray(data39))) {
                  const err93 = { instancePath: instancePath + "/spec/talos/patches/controlPlane/" + i4, schemaPath: "#/properties/spec/properties/talos/properties/patches/properties/controlPlane/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                  if (vErrors === null) {
                    vErrors = [err93];
                  } else {
                    vErrors.push(err93);
                  }
                  errors++;
                }
              }
            } else {
              const err94 = { instancePath: instancePath + "/spec/talos/patches/controlPlane", schemaPath: "#/properties/spec/properties/talos/properties/patches/properties/controlPlane/type", keyword: "type", params: { type: "array" }, message: "must be array" };
              if (vErrors === null) {
                vErrors = [err94];
              } else {
                vErrors.push(err94);
              }
              errors++;
            }
            let data40 = data35.workers;
            if (Array.isArray(data40)) {
              const len4 = data40.length;
              for (let i5 = 0; i5 < len4; i5++) {
                let data41 = data40[i5];
                if (!(data41 && typeof data41 == "object" && !Array.isArray(data41))) {
                  const err95 = { instancePath: instancePath + "/spec/talos/patches/workers/" + i5, schemaPath: "#/properties/spec/properties/talos/properties/patches/properties/workers/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                  if (vErrors === null) {
                    vErrors = [err95];
                  } else {
                    vErrors.push(err95);
                  }
                  errors++;
                }
              }
            } else {
              const err96 = { instancePath: instancePath + "/spec/talos/patches/workers", schemaPath: "#/properties/spec/properties/talos/properties/patches/properties/workers/type", keyword: "type", params: { type: "array" }, message: "must be array" };
              if (vErrors === null) {
                vErrors = [err96];
              } else {
                vErrors.push(err96);
              }
              errors++;
            }
          } else {
            const err97 = { instancePath: instancePath + "/spec/talos/patches", schemaPath: "#/properties/spec/properties/talos/properties/patches/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err97];
            } else {
              vErrors.push(err97);
            }
            errors++;
          }
        } else {
          const err98 = { instancePath: instancePath + "/spec/talos", schemaPath: "#/properties/spec/properties/talos/type", keyword: "type", params: { type: "object" }, message: "must be object" };
          if (vErrors === null) {
            vErrors = [err98];
          } else {
            vErrors.push(err98);
          }
          errors++;
        }
        let data42 = data5.network;
        if (data42 && typeof data42 == "object" && !Array.isArray(data42)) {
          if (data42.podCIDR === void 0) {
            data42.podCIDR = "10.244.0.0/16";
          }
          if (data42.serviceCIDR === void 0) {
            data42.serviceCIDR = "10.96.0.0/12";
          }
          for (const key11 in data42) {
            if (!(key11 === "podCIDR" || key11 === "serviceCIDR" || key11 === "private")) {
              const err99 = { instancePath: instancePath + "/spec/network", schemaPath: "#/properties/spec/properties/network/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key11 }, message: "must NOT have additional properties" };
              if (vErrors === null) {
                vErrors = [err99];
              } else {
                vErrors.push(err99);
              }
              errors++;
            }
          }
          if (typeof data42.podCIDR !== "string") {
            const err100 = { instancePath: instancePath + "/spec/network/podCIDR", schemaPath: "#/properties/spec/properties/network/properties/podCIDR/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err100];
            } else {
              vErrors.push(err100);
            }
            errors++;
          }
          if (typeof data42.serviceCIDR !== "string") {
            const err101 = { instancePath: instancePath + "/spec/network/serviceCIDR", schemaPath: "#/properties/spec/properties/network/properties/serviceCIDR/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err101];
            } else {
              vErrors.push(err101);
            }
            errors++;
          }
          if (data42.private !== void 0) {
            let data45 = data42.private;
            if (data45 && typeof data45 == "object" && !Array.isArray(data45)) {
              if (data45.subnet === void 0) {
                const err102 = { instancePath: instancePath + "/spec/network/private", schemaPath: "#/properties/spec/properties/network/properties/private/required", keyword: "required", params: { missingProperty: "subnet" }, message: "must have required property 'subnet'" };
                if (vErrors === null) {
                  vErrors = [err102];
                } else {
                  vErrors.push(err102);
                }
                errors++;
              }
              for (const key12 in data45) {
                if (!(key12 === "subnet" || key12 === "vip" || key12 === "interface")) {
                  const err103 = { instancePath: instancePath + "/spec/network/private", schemaPath: "#/properties/spec/properties/network/properties/private/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key12 }, message: "must NOT have additional properties" };
                  if (vErrors === null) {
                    vErrors = [err103];
                  } else {
                    vErrors.push(err103);
                  }
                  errors++;
                }
              }
              if (data45.subnet !== void 0) {
                if (typeof data45.subnet !== "string") {
                  const err104 = { instancePath: instancePath + "/spec/network/private/subnet", schemaPath: "#/properties/spec/properties/network/properties/private/properties/subnet/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err104];
                  } else {
                    vErrors.push(err104);
                  }
                  errors++;
                }
              }
              if (data45.vip !== void 0) {
                if (typeof data45.vip !== "string") {
                  const err105 = { instancePath: instancePath + "/spec/network/private/vip", schemaPath: "#/properties/spec/properties/network/properties/private/properties/vip/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err105];
                  } else {
                    vErrors.push(err105);
                  }
                  errors++;
                }
              }
              if (data45.interface !== void 0) {
                let data48 = data45.interface;
                if (typeof data48 === "string") {
                  if (!pattern17.test(data48)) {
                    const err106 = { instancePath: instancePath + "/spec/network/private/interface", schemaPath: "#/properties/spec/properties/network/properties/private/properties/interface/pattern", keyword: "pattern", params: { pattern: "^[a-z][a-z0-9.-]{0,14}$" }, message: 'must match pattern "^[a-z][a-z0-9.-]{0,14}$"' };
                    if (vErrors === null) {
                      vErrors = [err106];
                    } else {
                      vErrors.push(err106);
                    }
                    errors++;
                  }
                } else {
                  const err107 = { instancePath: instancePath + "/spec/network/private/interface", schemaPath: "#/properties/spec/properties/network/properties/private/properties/interface/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err107];
                  } else {
                    vErrors.push(err107);
                  }
                  errors++;
                }
              }
            } else {
              const err108 = { instancePath: instancePath + "/spec/network/private", schemaPath: "#/properties/spec/properties/network/properties/private/type", keyword: "type", params: { type: "object" }, message: "must be object" };
              if (vErrors === null) {
                vErrors = [err108];
              } else {
                vErrors.push(err108);
              }
              errors++;
            }
          }
        } else {
          const err109 = { instancePath: instancePath + "/spec/network", schemaPath: "#/properties/spec/properties/network/type", keyword: "type", params: { type: "object" }, message: "must be object" };
          if (vErrors === null) {
            vErrors = [err109];
          } else {
            vErrors.push(err109);
          }
          errors++;
        }
        if (data5.controlPlane !== void 0) {
          let data49 = data5.controlPlane;
          if (data49 && typeof data49 == "object" && !Array.isArray(data49)) {
            for (const key13 in data49) {
              if (!(key13 === "endpoint")) {
                const err110 = { instancePath: instancePath + "/spec/controlPlane", schemaPath: "#/properties/spec/properties/controlPlane/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key13 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err110];
                } else {
                  vErrors.push(err110);
                }
                errors++;
              }
            }
            if (data49.endpoint !== void 0) {
              let data50 = data49.endpoint;
              if (typeof data50 === "string") {
                if (!pattern18.test(data50)) {
                  const err111 = { instancePath: instancePath + "/spec/controlPlane/endpoint", schemaPath: "#/properties/spec/properties/controlPlane/properties/endpoint/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$"' };
                  if (vErrors === null) {
                    vErrors = [err111];
                  } else {
                    vErrors.push(err111);
                  }
                  errors++;
                }
              } else {
                const err112 = { instancePath: instancePath + "/spec/controlPlane/endpoint", schemaPath: "#/properties/spec/properties/controlPlane/properties/endpoint/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err112];
                } else {
                  vErrors.push(err112);
                }
                errors++;
              }
            }
          } else {
            const err113 = { instancePath: instancePath + "/spec/controlPlane", schemaPath: "#/properties/spec/properties/controlPlane/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err113];
            } else {
              vErrors.push(err113);
            }
            errors++;
          }
        }
        if (data5.access !== void 0) {
          let data51 = data5.access;
          if (data51 && typeof data51 == "object" && !Array.isArray(data51)) {
            for (const key14 in data51) {
              if (!(key14 === "adminCIDRs")) {
                const err114 = { instancePath: instancePath + "/spec/access", schemaPath: "#/properties/spec/properties/access/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key14 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err114];
                } else {
                  vErrors.push(err114);
                }
                errors++;
              }
            }
            if (data51.adminCIDRs !== void 0) {
              let data52 = data51.adminCIDRs;
              if (Array.isArray(data52)) {
                if (data52.length < 1) {
                  const err115 = { instancePath: instancePath + "/spec/access/adminCIDRs", schemaPath: "#/properties/spec/properties/access/properties/adminCIDRs/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                  if (vErrors === null) {
                    vErrors = [err115];
                  } else {
                    vErrors.push(err115);
                  }
                  errors++;
                }
                const len5 = data52.length;
                for (let i6 = 0; i6 < len5; i6++) {
                  if (typeof data52[i6] !== "string") {
                    const err116 = { instancePath: instancePath + "/spec/access/adminCIDRs/" + i6, schemaPath: "#/properties/spec/properties/access/properties/adminCIDRs/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err116];
                    } else {
                      vErrors.push(err116);
                    }
                    errors++;
                  }
                }
              } else {
                const err117 = { instancePath: instancePath + "/spec/access/adminCIDRs", schemaPath: "#/properties/spec/properties/access/properties/adminCIDRs/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                if (vErrors === null) {
                  vErrors = [err117];
                } else {
                  vErrors.push(err117);
                }
                errors++;
              }
            }
          } else {
            const err118 = { instancePath: instancePath + "/spec/access", schemaPath: "#/properties/spec/properties/access/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err118];
            } else {
              vErrors.push(err118);
            }
            errors++;
          }
        }
        let data54 = data5.platform;
        if (data54 && typeof data54 == "object" && !Array.isArray(data54)) {
          if (data54.cilium === void 0) {
            data54.cilium = {};
          }
          if (data54.localPathProvisioner === void 0) {
            data54.localPathProvisioner = {};
          }
          if (data54.argocd === void 0) {
            data54.argocd = {};
          }
          for (const key15 in data54) {
            if (!(key15 === "cilium" || key15 === "localPathProvisioner" || key15 === "argocd")) {
              const err119 = { instancePath: instancePath + "/spec/platform", schemaPath: "#/properties/spec/properties/platform/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key15 }, message: "must NOT have additional properties" };
              if (vErrors === null) {
                vErrors = [err119];
              } else {
                vErrors.push(err119);
              }
              errors++;
            }
          }
          let data55 = data54.cilium;
          if (data55 && typeof data55 == "object" && !Array.isArray(data55)) {
            if (data55.version === void 0) {
              data55.version = "1.20.2";
            }
            if (data55.values === void 0) {
              data55.values = {};
            }
            for (const key16 in data55) {
              if (!(key16 === "version" || key16 === "chart" || key16 === "values")) {
                const err120 = { instancePath: instancePath + "/spec/platform/cilium", schemaPath: "#/properties/spec/properties/platform/properties/cilium/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key16 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err120];
                } else {
                  vErrors.push(err120);
                }
                errors++;
              }
            }
            let data56 = data55.version;
            if (typeof data56 === "string") {
              if (!pattern19.test(data56)) {
                const err121 = { instancePath: instancePath + "/spec/platform/cilium/version", schemaPath: "#/properties/spec/properties/platform/properties/cilium/properties/version/pattern", keyword: "pattern", params: { pattern: "^[0-9]+\\.[0-9]+\\.[0-9]+$" }, message: 'must match pattern "^[0-9]+\\.[0-9]+\\.[0-9]+$"' };
                if (vErrors === null) {
                  vErrors = [err121];
                } else {
                  vErrors.push(err121);
                }
                errors++;
              }
            } else {
              const err122 = { instancePath: instancePath + "/spec/platform/cilium/version", schemaPath: "#/properties/spec/properties/platform/properties/cilium/properties/version/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err122];
              } else {
                vErrors.push(err122);
              }
              errors++;
            }
            if (data55.chart !== void 0) {
              let data57 = data55.chart;
              if (typeof data57 === "string") {
                if (func2(data57) < 1) {
                  const err123 = { instancePath: instancePath + "/spec/platform/cilium/chart", schemaPath: "#/properties/spec/properties/platform/properties/cilium/properties/chart/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                  if (vErrors === null) {
                    vErrors = [err123];
                  } else {
                    vErrors.push(err123);
                  }
                  errors++;
                }
              } else {
                const err124 = { instancePath: instancePath + "/spec/platform/cilium/chart", schemaPath: "#/properties/spec/properties/platform/properties/cilium/properties/chart/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err124];
                } else {
                  vErrors.push(err124);
                }
                errors++;
              }
            }
            let data58 = data55.values;
            if (!(data58 && typeof data58 == "object" && !Array.isArray(data58))) {
              const err125 = { instancePath: instancePath + "/spec/platform/cilium/values", schemaPath: "#/properties/spec/properties/platform/properties/cilium/properties/values/type", keyword: "type", params: { type: "object" }, message: "must be object" };
              if (vErrors === null) {
                vErrors = [err125];
              } else {
                vErrors.push(err125);
              }
              errors++;
            }
          } else {
            const err126 = { instancePath: instancePath + "/spec/platform/cilium", schemaPath: "#/properties/spec/properties/platform/properties/cilium/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err126];
            } else {
              vErrors.push(err126);
            }
            errors++;
          }
          let data59 = data54.localPathProvisioner;
          if (data59 && typeof data59 == "object" && !Array.isArray(data59)) {
            if (data59.version === void 0) {
              data59.version = "v0.0.37";
            }
            for (const key17 in data59) {
              if (!(key17 === "version" || key17 === "manifest")) {
                const err127 = { instancePath: instancePath + "/spec/platform/localPathProvisioner", schemaPath: "#/properties/spec/properties/platform/properties/localPathProvisioner/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key17 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err127];
                } else {
                  vErrors.push(err127);
                }
                errors++;
              }
            }
            let data60 = data59.version;
            if (typeof data60 === "string") {
              if (!pattern20.test(data60)) {
                const err128 = { instancePath: instancePath + "/spec/platform/localPathProvisioner/version", schemaPath: "#/properties/spec/properties/platform/properties/localPathProvisioner/properties/version/pattern", keyword: "pattern", params: { pattern: "^v[0-9]+\\.[0-9]+\\.[0-9]+$" }, message: 'must match pattern "^v[0-9]+\\.[0-9]+\\.[0-9]+$"' };
                if (vErrors === null) {
                  vErrors = [err128];
                } else {
                  vErrors.push(err128);
                }
                errors++;
              }
            } else {
              const err129 = { instancePath: instancePath + "/spec/platform/localPathProvisioner/version", schemaPath: "#/properties/spec/properties/platform/properties/localPathProvisioner/properties/version/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err129];
              } else {
                vErrors.push(err129);
              }
              errors++;
            }
            if (data59.manifest !== void 0) {
              let data61 = data59.manifest;
              if (typeof data61 === "string") {
                if (func2(data61) < 1) {
                  const err130 = { instancePath: instancePath + "/spec/platform/localPathProvisioner/manifest", schemaPath: "#/properties/spec/properties/platform/properties/localPathProvisioner/properties/manifest/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                  if (vErrors === null) {
                    vErrors = [err130];
                  } else {
                    vErrors.push(err130);
                  }
                  errors++;
                }
              } else {
                const err131 = { instancePath: instancePath + "/spec/platform/localPathProvisioner/manifest", schemaPath: "#/properties/spec/properties/platform/properties/localPathProvisioner/properties/manifest/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err131];
                } else {
                  vErrors.push(err131);
                }
                errors++;
              }
            }
          } else {
            const err132 = { instancePath: instancePath + "/spec/platform/localPathProvisioner", schemaPath: "#/properties/spec/properties/platform/properties/localPathProvisioner/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err132];
            } else {
              vErrors.push(err132);
            }
            errors++;
          }
          let data62 = data54.argocd;
          if (data62 && typeof data62 == "object" && !Array.isArray(data62)) {
            if (data62.version === void 0) {
              data62.version = "v3.5.1";
            }
            for (const key18 in data62) {
              if (!(key18 === "version" || key18 === "manifest")) {
                const err133 = { instancePath: instancePath + "/spec/platform/argocd", schemaPath: "#/properties/spec/properties/platform/properties/argocd/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key18 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err133];
                } else {
                  vErrors.push(err133);
                }
                errors++;
              }
            }
            let data63 = data62.version;
            if (typeof data63 === "string") {
              if (!pattern20.test(data63)) {
                const err134 = { instancePath: instancePath + "/spec/platform/argocd/version", schemaPath: "#/properties/spec/properties/platform/properties/argocd/properties/version/pattern", keyword: "pattern", params: { pattern: "^v[0-9]+\\.[0-9]+\\.[0-9]+$" }, message: 'must match pattern "^v[0-9]+\\.[0-9]+\\.[0-9]+$"' };
                if (vErrors === null) {
                  vErrors = [err134];
                } else {
                  vErrors.push(err134);
                }
                errors++;
              }
            } else {
              const err135 = { instancePath: instancePath + "/spec/platform/argocd/version", schemaPath: "#/properties/spec/properties/platform/properties/argocd/properties/version/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err135];
              } else {
                vErrors.push(err135);
              }
              errors++;
            }
            if (data62.manifest !== void 0) {
              let data64 = data62.manifest;
              if (typeof data64 === "string") {
                if (func2(data64) < 1) {
                  const err136 = { instancePath: instancePath + "/spec/platform/argocd/manifest", schemaPath: "#/properties/spec/properties/platform/properties/argocd/properties/manifest/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                  if (vErrors === null) {
                    vErrors = [err136];
                  } else {
                    vErrors.push(err136);
                  }
                  errors++;
                }
              } else {
                const err137 = { instancePath: instancePath + "/spec/platform/argocd/manifest", schemaPath: "#/properties/spec/properties/platform/properties/argocd/properties/manifest/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err137];
                } else {
                  vErrors.push(err137);
                }
                errors++;
              }
            }
          } else {
            const err138 = { instancePath: instancePath + "/spec/platform/argocd", schemaPath: "#/properties/spec/properties/platform/properties/argocd/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err138];
            } else {
              vErrors.push(err138);
            }
            errors++;
          }
        } else {
          const err139 = { instancePath: instancePath + "/spec/platform", schemaPath: "#/properties/spec/properties/platform/type", keyword: "type", params: { type: "object" }, message: "must be object" };
          if (vErrors === null) {
            vErrors = [err139];
          } else {
            vErrors.push(err139);
          }
          errors++;
        }
        if (data5.gitops !== void 0) {
          let data65 = data5.gitops;
          if (data65 && typeof data65 == "object" && !Array.isArray(data65)) {
            if (data65.path === void 0) {
              data65.path = "infra/gitops";
            }
            if (data65.revision === void 0) {
              data65.revision = "main";
            }
            if (data65.repoURL === void 0) {
              const err140 = { instancePath: instancePath + "/spec/gitops", schemaPath: "#/properties/spec/properties/gitops/required", keyword: "required", params: { missingProperty: "repoURL" }, message: "must have required property 'repoURL'" };
              if (vErrors === null) {
                vErrors = [err140];
              } else {
                vErrors.push(err140);
              }
              errors++;
            }
            for (const key19 in data65) {
              if (!(key19 === "repoURL" || key19 === "path" || key19 === "revision" || key19 === "syncTimeout" || key19 === "credentials")) {
                const err141 = { instancePath: instancePath + "/spec/gitops", schemaPath: "#/properties/spec/properties/gitops/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key19 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err141];
                } else {
                  vErrors.push(err141);
                }
                errors++;
              }
            }
            if (data65.repoURL !== void 0) {
              let data66 = data65.repoURL;
              if (typeof data66 === "string") {
                if (func2(data66) < 1) {
                  const err142 = { instancePath: instancePath + "/spec/gitops/repoURL", schemaPath: "#/properties/spec/properties/gitops/properties/repoURL/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                  if (vErrors === null) {
                    vErrors = [err142];
                  } else {
                    vErrors.push(err142);
                  }
                  errors++;
                }
              } else {
                const err143 = { instancePath: instancePath + "/spec/gitops/repoURL", schemaPath: "#/properties/spec/properties/gitops/properties/repoURL/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err143];
                } else {
                  vErrors.push(err143);
                }
                errors++;
              }
            }
            if (typeof data65.path !== "string") {
              const err144 = { instancePath: instancePath + "/spec/gitops/path", schemaPath: "#/properties/spec/properties/gitops/properties/path/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err144];
              } else {
                vErrors.push(err144);
              }
              errors++;
            }
            if (typeof data65.revision !== "string") {
              const err145 = { instancePath: instancePath + "/spec/gitops/revision", schemaPath: "#/properties/spec/properties/gitops/properties/revision/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err145];
              } else {
                vErrors.push(err145);
              }
              errors++;
            }
            if (data65.syncTimeout !== void 0) {
              let data69 = data65.syncTimeout;
              if (typeof data69 === "string") {
                if (func2(data69) < 2) {
                  const err146 = { instancePath: instancePath + "/spec/gitops/syncTimeout", schemaPath: "#/properties/spec/properties/gitops/properties/syncTimeout/minLength", keyword: "minLength", params: { limit: 2 }, message: "must NOT have fewer than 2 characters" };
                  if (vErrors === null) {
                    vErrors = [err146];
                  } else {
                    vErrors.push(err146);
                  }
                  errors++;
                }
                if (!pattern22.test(data69)) {
                  const err147 = { instancePath: instancePath + "/spec/gitops/syncTimeout", schemaPath: "#/properties/spec/properties/gitops/properties/syncTimeout/pattern", keyword: "pattern", params: { pattern: "^([0-9]+h)?([0-9]+m)?([0-9]+s)?$" }, message: 'must match pattern "^([0-9]+h)?([0-9]+m)?([0-9]+s)?$"' };
                  if (vErrors === null) {
                    vErrors = [err147];
                  } else {
                    vErrors.push(err147);
                  }
                  errors++;
                }
              } else {
                const err148 = { instancePath: instancePath + "/spec/gitops/syncTimeout", schemaPath: "#/properties/spec/properties/gitops/properties/syncTimeout/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err148];
                } else {
                  vErrors.push(err148);
                }
                errors++;
              }
            }
            if (data65.credentials !== void 0) {
              let data70 = data65.credentials;
              if (data70 && typeof data70 == "object" && !Array.isArray(data70)) {
                if (data70.username === void 0) {
                  const err149 = { instancePath: instancePath + "/spec/gitops/credentials", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/required", keyword: "required", params: { missingProperty: "username" }, message: "must have required property 'username'" };
                  if (vErrors === null) {
                    vErrors = [err149];
                  } else {
                    vErrors.push(err149);
                  }
                  errors++;
                }
                if (data70.password === void 0) {
                  const err150 = { instancePath: instancePath + "/spec/gitops/credentials", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/required", keyword: "required", params: { missingProperty: "password" }, message: "must have required property 'password'" };
                  if (vErrors === null) {
                    vErrors = [err150];
                  } else {
                    vErrors.push(err150);
                  }
                  errors++;
                }
                for (const key20 in data70) {
                  if (!(key20 === "username" || key20 === "password")) {
                    const err151 = { instancePath: instancePath + "/spec/gitops/credentials", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key20 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err151];
                    } else {
                      vErrors.push(err151);
                    }
                    errors++;
                  }
                }
                if (data70.username !== void 0) {
                  let data71 = data70.username;
                  if (typeof data71 === "string") {
                    if (func2(data71) < 1) {
                      const err152 = { instancePath: instancePath + "/spec/gitops/credentials/username", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/properties/username/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                      if (vErrors === null) {
                        vErrors = [err152];
                      } else {
                        vErrors.push(err152);
                      }
                      errors++;
                    }
                  } else {
                    const err153 = { instancePath: instancePath + "/spec/gitops/credentials/username", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/properties/username/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err153];
                    } else {
                      vErrors.push(err153);
                    }
                    errors++;
                  }
                }
                if (data70.password !== void 0) {
                  let data72 = data70.password;
                  if (typeof data72 === "string") {
                    if (func2(data72) < 1) {
                      const err154 = { instancePath: instancePath + "/spec/gitops/credentials/password", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/properties/password/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                      if (vErrors === null) {
                        vErrors = [err154];
                      } else {
                        vErrors.push(err154);
                      }
                      errors++;
                    }
                  } else {
                    const err155 = { instancePath: instancePath + "/spec/gitops/credentials/password", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/properties/password/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err155];
                    } else {
                      vErrors.push(err155);
                    }
                    errors++;
                  }
                }
              } else {
                const err156 = { instancePath: instancePath + "/spec/gitops/credentials", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err156];
                } else {
                  vErrors.push(err156);
                }
                errors++;
              }
            }
          } else {
            const err157 = { instancePath: instancePath + "/spec/gitops", schemaPath: "#/properties/spec/properties/gitops/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err157];
            } else {
              vErrors.push(err157);
            }
            errors++;
          }
        }
        if (data5.storage !== void 0) {
          let data73 = data5.storage;
          if (data73 && typeof data73 == "object" && !Array.isArray(data73)) {
            for (const key21 in data73) {
              if (!(key21 === "mayastor")) {
                const err158 = { instancePath: instancePath + "/spec/storage", schemaPath: "#/properties/spec/properties/storage/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key21 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err158];
                } else {
                  vErrors.push(err158);
                }
                errors++;
              }
            }
            if (data73.mayastor !== void 0) {
              let data74 = data73.mayastor;
              if (data74 && typeof data74 == "object" && !Array.isArray(data74)) {
                if (data74.default === void 0) {
                  data74.default = true;
                }
                if (data74.storageClassName === void 0) {
                  data74.storageClassName = "mayastor-nvme";
                }
                if (data74.chartVersion === void 0) {
                  data74.chartVersion = "4.5.1";
                }
                if (data74.disk === void 0) {
                  const err159 = { instancePath: instancePath + "/spec/storage/mayastor", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/required", keyword: "required", params: { missingProperty: "disk" }, message: "must have required property 'disk'" };
                  if (vErrors === null) {
                    vErrors = [err159];
                  } else {
                    vErrors.push(err159);
                  }
                  errors++;
                }
                for (const key22 in data74) {
                  if (!(key22 === "disk" || key22 === "replicas" || key22 === "default" || key22 === "storageClassName" || key22 === "chartVersion")) {
                    const err160 = { instancePath: instancePath + "/spec/storage/mayastor", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key22 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err160];
                    } else {
                      vErrors.push(err160);
                    }
                    errors++;
                  }
                }
                if (data74.disk !== void 0) {
                  let data75 = data74.disk;
                  const _errs185 = errors;
                  let valid44 = false;
                  let passing2 = null;
                  const _errs186 = errors;
                  if (typeof data75 === "string") {
                    if (!pattern14.test(data75)) {
                      const err161 = { instancePath: instancePath + "/spec/storage/mayastor/disk", schemaPath: "#/$defs/diskPath/pattern", keyword: "pattern", params: { pattern: "^/dev/[A-Za-z0-9/_.:+@=-]+$" }, message: 'must match pattern "^/dev/[A-Za-z0-9/_.:+@=-]+$"' };
                      if (vErrors === null) {
                        vErrors = [err161];
                      } else {
                        vErrors.push(err161);
                      }
                      errors++;
                    }
                  } else {
                    const err162 = { instancePath: instancePath + "/spec/storage/mayastor/disk", schemaPath: "#/$defs/diskPath/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err162];
                    } else {
                      vErrors.push(err162);
                    }
                    errors++;
                  }
                  var _valid2 = _errs186 === errors;
                  if (_valid2) {
                    valid44 = true;
                    passing2 = 0;
                  }
                  const _errs189 = errors;
                  if (!validate21(data75, { instancePath: instancePath + "/spec/storage/mayastor/disk", parentData: data74, parentDataProperty: "disk", rootData, dynamicAnchors })) {
                    vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
                    errors = vErrors.length;
                  }
                  var _valid2 = _errs189 === errors;
                  if (_valid2 && valid44) {
                    valid44 = false;
                    passing2 = [passing2, 1];
                  } else {
                    if (_valid2) {
                      valid44 = true;
                      passing2 = 1;
                    }
                  }
                  if (!valid44) {
                    const err163 = { instancePath: instancePath + "/spec/storage/mayastor/disk", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/disk/oneOf", keyword: "oneOf", params: { passingSchemas: passing2 }, message: "must match exactly one schema in oneOf" };
                    if (vErrors === null) {
                      vErrors = [err163];
                    } else {
                      vErrors.push(err163);
                    }
                    errors++;
                  } else {
                    errors = _errs185;
                    if (vErrors !== null) {
                      if (_errs185) {
                        vErrors.length = _errs185;
                      } else {
                        vErrors = null;
                      }
                    }
                  }
                }
                if (data74.replicas !== void 0) {
                  let data76 = data74.replicas;
                  if (!(typeof data76 == "number" && (!(data76 % 1) && !isNaN(data76)) && isFinite(data76))) {
                    const err164 = { instancePath: instancePath + "/spec/storage/mayastor/replicas", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/replicas/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                    if (vErrors === null) {
                      vErrors = [err164];
                    } else {
                      vErrors.push(err164);
                    }
                    errors++;
                  }
                  if (typeof data76 == "number" && isFinite(data76)) {
                    if (data76 > 3 || isNaN(data76)) {
                      const err165 = { instancePath: instancePath + "/spec/storage/mayastor/replicas", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/replicas/maximum", keyword: "maximum", params: { comparison: "<=", limit: 3 }, message: "must be <= 3" };
                      if (vErrors === null) {
                        vErrors = [err165];
                      } else {
                        vErrors.push(err165);
                      }
                      errors++;
                    }
                    if (data76 < 1 || isNaN(data76)) {
                      const err166 = { instancePath: instancePath + "/spec/storage/mayastor/replicas", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/replicas/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                      if (vErrors === null) {
                        vErrors = [err166];
                      } else {
                        vErrors.push(err166);
                      }
                      errors++;
                    }
                  }
                }
                if (typeof data74.default !== "boolean") {
                  const err167 = { instancePath: instancePath + "/spec/storage/mayastor/default", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/default/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                  if (vErrors === null) {
                    vErrors = [err167];
                  } else {
                    vErrors.push(err167);
                  }
                  errors++;
                }
                let data78 = data74.storageClassName;
                if (typeof data78 === "string") {
                  if (!pattern24.test(data78)) {
                    const err168 = { instancePath: instancePath + "/spec/storage/mayastor/storageClassName", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/storageClassName/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$"' };
                    if (vErrors === null) {
                      vErrors = [err168];
                    } else {
                      vErrors.push(err168);
                    }
                    errors++;
                  }
                } else {
                  const err169 = { instancePath: instancePath + "/spec/storage/mayastor/storageClassName", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/storageClassName/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err169];
                  } else {
                    vErrors.push(err169);
                  }
                  errors++;
                }
                let data79 = data74.chartVersion;
                if (typeof data79 === "string") {
                  if (!pattern19.test(data79)) {
                    const err170 = { instancePath: instancePath + "/spec/storage/mayastor/chartVersion", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/chartVersion/pattern", keyword: "pattern", params: { pattern: "^[0-9]+\\.[0-9]+\\.[0-9]+$" }, message: 'must match pattern "^[0-9]+\\.[0-9]+\\.[0-9]+$"' };
                    if (vErrors === null) {
                      vErrors = [err170];
                    } else {
                      vErrors.push(err170);
                    }
                    errors++;
                  }
                } else {
                  const err171 = { instancePath: instancePath + "/spec/storage/mayastor/chartVersion", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/chartVersion/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err171];
                  } else {
                    vErrors.push(err171);
                  }
                  errors++;
                }
              } else {
                const err172 = { instancePath: instancePath + "/spec/storage/mayastor", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err172];
                } else {
                  vErrors.push(err172);
                }
                errors++;
              }
            }
          } else {
            const err173 = { instancePath: instancePath + "/spec/storage", schemaPath: "#/properties/spec/properties/storage/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err173];
            } else {
              vErrors.push(err173);
            }
            errors++;
          }
        }
        let data80 = data5.kubeconfig;
        if (data80 && typeof data80 == "object" && !Array.isArray(data80)) {
          for (const key23 in data80) {
            if (!(key23 === "path" || key23 === "context")) {
              const err174 = { instancePath: instancePath + "/spec/kubeconfig", schemaPath: "#/properties/spec/properties/kubeconfig/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key23 }, message: "must NOT have additional properties" };
              if (vErrors === null) {
                vErrors = [err174];
              } else {
                vErrors.push(err174);
              }
              errors++;
            }
          }
          if (data80.path !== void 0) {
            let data81 = data80.path;
            if (typeof data81 === "string") {
              if (func2(data81) < 1) {
                const err175 = { instancePath: instancePath + "/spec/kubeconfig/path", schemaPath: "#/properties/spec/properties/kubeconfig/properties/path/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                if (vErrors === null) {
                  vErrors = [err175];
                } else {
                  vErrors.push(err175);
                }
                errors++;
              }
            } else {
              const err176 = { instancePath: instancePath + "/spec/kubeconfig/path", schemaPath: "#/properties/spec/properties/kubeconfig/properties/path/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err176];
              } else {
                vErrors.push(err176);
              }
              errors++;
            }
          }
          if (data80.context !== void 0) {
            let data82 = data80.context;
            if (typeof data82 === "string") {
              if (func2(data82) < 1) {
                const err177 = { instancePath: instancePath + "/spec/kubeconfig/context", schemaPath: "#/properties/spec/properties/kubeconfig/properties/context/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                if (vErrors === null) {
                  vErrors = [err177];
                } else {
                  vErrors.push(err177);
                }
                errors++;
              }
            } else {
              const err178 = { instancePath: instancePath + "/spec/kubeconfig/context", schemaPath: "#/properties/spec/properties/kubeconfig/properties/context/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err178];
              } else {
                vErrors.push(err178);
              }
              errors++;
            }
          }
        } else {
          const err179 = { instancePath: instancePath + "/spec/kubeconfig", schemaPath: "#/properties/spec/properties/kubeconfig/type", keyword: "type", params: { type: "object" }, message: "must be object" };
          if (vErrors === null) {
            vErrors = [err179];
          } else {
            vErrors.push(err179);
          }
          errors++;
        }
        let data83 = data5.upgrade;
        if (data83 && typeof data83 == "object" && !Array.isArray(data83)) {
          if (data83.maxUnavailable === void 0) {
            data83.maxUnavailable = 1;
          }
          if (data83.drainTimeoutSeconds === void 0) {
            data83.drainTimeoutSeconds = 600;
          }
          if (data83.etcdSnapshots === void 0) {
            data83.etcdSnapshots = 3;
          }
          for (const key24 in data83) {
            if (!(key24 === "maxUnavailable" || key24 === "drainTimeoutSeconds" || key24 === "etcdSnapshots")) {
              const err180 = { instancePath: instancePath + "/spec/upgrade", schemaPath: "#/properties/spec/properties/upgrade/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key24 }, message: "must NOT have additional properties" };
              if (vErrors === null) {
                vErrors = [err180];
              } else {
                vErrors.push(err180);
              }
              errors++;
            }
          }
          let data84 = data83.maxUnavailable;
          if (!(typeof data84 == "number" && (!(data84 % 1) && !isNaN(data84)) && isFinite(data84))) {
            const err181 = { instancePath: instancePath + "/spec/upgrade/maxUnavailable", schemaPath: "#/properties/spec/properties/upgrade/properties/maxUnavailable/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err181];
            } else {
              vErrors.push(err181);
            }
            errors++;
          }
          if (typeof data84 == "number" && isFinite(data84)) {
            if (data84 < 1 || isNaN(data84)) {
              const err182 = { instancePath: instancePath + "/spec/upgrade/maxUnavailable", schemaPath: "#/properties/spec/properties/upgrade/properties/maxUnavailable/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err182];
              } else {
                vErrors.push(err182);
              }
              errors++;
            }
          }
          let data85 = data83.drainTimeoutSeconds;
          if (!(typeof data85 == "number" && (!(data85 % 1) && !isNaN(data85)) && isFinite(data85))) {
            const err183 = { instancePath: instancePath + "/spec/upgrade/drainTimeoutSeconds", schemaPath: "#/properties/spec/properties/upgrade/properties/drainTimeoutSeconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err183];
            } else {
              vErrors.push(err183);
            }
            errors++;
          }
          if (typeof data85 == "number" && isFinite(data85)) {
            if (data85 < 1 || isNaN(data85)) {
              const err184 = { instancePath: instancePath + "/spec/upgrade/drainTimeoutSeconds", schemaPath: "#/properties/spec/properties/upgrade/properties/drainTimeoutSeconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err184];
              } else {
                vErrors.push(err184);
              }
              errors++;
            }
          }
          let data86 = data83.etcdSnapshots;
          if (!(typeof data86 == "number" && (!(data86 % 1) && !isNaN(data86)) && isFinite(data86))) {
            const err185 = { instancePath: instancePath + "/spec/upgrade/etcdSnapshots", schemaPath: "#/properties/spec/properties/upgrade/properties/etcdSnapshots/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err185];
            } else {
              vErrors.push(err185);
            }
            errors++;
          }
          if (typeof data86 == "number" && isFinite(data86)) {
            if (data86 < 1 || isNaN(data86)) {
              const err186 = { instancePath: instancePath + "/spec/upgrade/etcdSnapshots", schemaPath: "#/properties/spec/properties/upgrade/properties/etcdSnapshots/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err186];
              } else {
                vErrors.push(err186);
              }
              errors++;
            }
          }
        } else {
          const err187 = { instancePath: instancePath + "/spec/upgrade", schemaPath: "#/properties/spec/properties/upgrade/type", keyword: "type", params: { type: "object" }, message: "must be object" };
          if (vErrors === null) {
            vErrors = [err187];
          } else {
            vErrors.push(err187);
          }
          errors++;
        }
        let data87 = data5.destroy;
        if (data87 && typeof data87 == "object" && !Array.isArray(data87)) {
          if (data87.allow === void 0) {
            data87.allow = false;
          }
          for (const key25 in data87) {
            if (!(key25 === "allow")) {
              const err188 = { instancePath: instancePath + "/spec/destroy", schemaPath: "#/properties/spec/properties/destroy/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key25 }, message: "must NOT have additional properties" };
              if (vErrors === null) {
                vErrors = [err188];
              } else {
                vErrors.push(err188);
              }
              errors++;
            }
          }
          if (typeof data87.allow !== "boolean") {
            const err189 = { instancePath: instancePath + "/spec/destroy/allow", schemaPath: "#/properties/spec/properties/destroy/properties/allow/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
            if (vErrors === null) {
              vErrors = [err189];
            } else {
              vErrors.push(err189);
            }
            errors++;
          }
        } else {
          const err190 = { instancePath: instancePath + "/spec/destroy", schemaPath: "#/properties/spec/properties/destroy/type", keyword: "type", params: { type: "object" }, message: "must be object" };
          if (vErrors === null) {
            vErrors = [err190];
          } else {
            vErrors.push(err190);
          }
          errors++;
        }
      } else {
        const err191 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err191];
        } else {
          vErrors.push(err191);
        }
        errors++;
      }
    }
  } else {
    const err192 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err192];
    } else {
      vErrors.push(err192);
    }
    errors++;
  }
  validate20.errors = vErrors;
  return errors === 0;
}
validate20.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };
export {
  validate_gen_default as default,
  validate
};
