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
var schema31 = { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://cto.dev/schema/cluster.schema.json", "title": "Cluster", "description": "A bare-metal Kubernetes cluster on Latitude.sh running Talos Linux, Cilium, Argo CD and Mayastor, as `cto plan` and `cto apply` build it.", "type": "object", "additionalProperties": false, "required": ["apiVersion", "kind", "metadata", "spec"], "properties": { "$schema": { "type": "string", "description": "Optional path or URL of this schema, for editors." }, "apiVersion": { "const": "cto.dev/v1alpha1", "description": "Version of the spec format." }, "kind": { "const": "Cluster", "description": "Always `Cluster`." }, "metadata": { "type": "object", "description": "Identity of the cluster.", "additionalProperties": false, "required": ["name"], "properties": { "name": { "type": "string", "description": "Cluster name: a DNS label of at most 40 characters. It prefixes every server hostname (`<name>-cp-0`) and tags the servers so that `cto` never touches servers of another cluster.", "pattern": "^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$" } } }, "spec": { "type": "object", "description": "The desired cluster.", "additionalProperties": false, "required": ["provider", "region", "nodes"], "properties": { "profile": { "type": "string", "enum": ["standard", "minimal", "production"], "default": "standard", "description": "Preset for values the spec leaves out; a value written in the spec always wins. `standard`: the original installer's defaults (2 Mayastor replicas, 1024 HugePages, 30m sync timeout). `minimal`: 1 Mayastor replica and 15m sync timeout, for a throw-away or single-worker cluster. `production`: 3 Mayastor replicas, 2048 HugePages and a 45m sync timeout; requires an odd control-plane count of at least 3." }, "provider": { "type": "object", "description": "Where the servers come from.", "additionalProperties": false, "required": ["latitude"], "properties": { "latitude": { "type": "object", "description": "Latitude.sh account settings.", "additionalProperties": false, "required": ["project", "apiKey"], "properties": { "project": { "type": "string", "minLength": 1, "description": "Latitude project id or slug (e.g. `${env:LATITUDE_PROJECT_ID}`).", "x-sensitive": false }, "apiKey": { "type": "string", "minLength": 1, "description": "Latitude API key. Always write it as `${env:LATITUDE_API_KEY}`; it is never printed.", "x-sensitive": true }, "endpoint": { "type": "string", "format": "uri", "pattern": "^https?://", "default": "https://api.latitude.sh", "description": "API base URL; point it at `cto sim serve` to run against the simulator.", "x-sensitive": false }, "billing": { "type": "string", "enum": ["hourly", "monthly", "yearly"], "default": "hourly", "description": "Billing period of created servers." } } } } }, "region": { "type": "object", "description": "Where the servers are placed: a fixed site, or the first site of a fallback list that has every plan in stock.", "additionalProperties": false, "properties": { "site": { "type": "string", "pattern": "^[A-Z][A-Z0-9]{1,9}$", "description": "Latitude site slug, e.g. `MIA2`." }, "auto": { "type": "boolean", "description": "Pick the first site of `fallback` where every requested plan is in stock." }, "fallback": { "type": "array", "description": "Sites tried in order when `auto` is true.", "items": { "type": "string", "pattern": "^[A-Z][A-Z0-9]{1,9}$", "description": "Latitude site slug." }, "minItems": 1, "uniqueItems": true, "default": ["MIA2", "DAL", "ASH", "LAX"] } }, "oneOf": [{ "required": ["site"], "not": { "required": ["auto"] } }, { "required": ["auto"], "properties": { "auto": { "const": true } }, "not": { "required": ["site"] } }] }, "nodes": { "type": "object", "description": "How many servers of which plan.", "additionalProperties": false, "required": ["controlPlane"], "properties": { "controlPlane": { "$ref": "#/$defs/pool", "description": "Control-plane servers (`cp-0`, `cp-1`, \u2026); the count must be odd so etcd keeps quorum." }, "workers": { "$ref": "#/$defs/pool", "description": "Worker servers (`worker-0`, \u2026). Workers are the Mayastor storage nodes.", "default": { "count": 1, "plan": "c2-small-x86" } } } }, "talos": { "type": "object", "description": "Talos Linux settings.", "additionalProperties": false, "default": {}, "properties": { "version": { "type": "string", "pattern": "^v1\\.(9|1[0-9])\\.[0-9]+$", "default": "v1.13.9", "description": "Talos version booted by iPXE and installed; also the config contract." }, "kubernetesVersion": { "type": "string", "pattern": "^1\\.[0-9]{2}\\.[0-9]+$", "default": "1.36.3", "description": "Kubernetes version." }, "schematic": { "type": "string", "pattern": "^[0-9a-f]{64}$", "default": "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba", "description": "Image Factory schematic id for the iPXE boot and the installer image (default: vanilla Talos)." }, "installDisk": { "type": "string", "pattern": "^/dev/[A-Za-z0-9/_.-]+$", "default": "/dev/nvme0n1", "description": "Disk Talos installs itself to." }, "hugepages": { "x-profile-default": true, "type": "integer", "minimum": 0, "maximum": 262144, "description": "Number of 2 MiB HugePages on storage nodes (Mayastor needs at least 1024). Default from the profile: 1024." }, "certSANs": { "type": "array", "items": { "type": "string", "minLength": 1, "description": "A DNS name or IP address." }, "default": [], "description": "Extra names and addresses for the Talos and Kubernetes API certificates." }, "patches": { "type": "object", "description": "Raw Talos machine-config patches (strategic merge), applied after the ones `cto` renders.", "additionalProperties": false, "default": {}, "properties": { "all": { "type": "array", "items": { "type": "object", "description": "A patch." }, "default": [], "description": "Patches for every node." }, "controlPlane": { "type": "array", "items": { "type": "object", "description": "A patch." }, "default": [], "description": "Patches for control-plane nodes." }, "workers": { "type": "array", "items": { "type": "object", "description": "A patch." }, "default": [], "description": "Patches for workers." } } } } }, "network": { "type": "object", "description": "Cluster networking.", "additionalProperties": false, "default": {}, "properties": { "podCIDR": { "type": "string", "default": "10.244.0.0/16", "description": "Pod network (IPv4 CIDR)." }, "serviceCIDR": { "type": "string", "default": "10.96.0.0/12", "description": "Service network (IPv4 CIDR); must not overlap `podCIDR`." } } }, "platform": { "type": "object", "description": "Components installed before GitOps takes over.", "additionalProperties": false, "default": {}, "properties": { "cilium": { "type": "object", "description": "Cilium CNI with kube-proxy replacement.", "additionalProperties": false, "default": {}, "properties": { "version": { "type": "string", "pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+$", "default": "1.20.2", "description": "Cilium chart version. The default is a release whose compatibility matrix covers the default `kubernetesVersion` (Cilium 1.20 is e2e-tested on Kubernetes 1.33\u20131.36)." }, "chart": { "type": "string", "minLength": 1, "description": "Chart source: a local chart folder or .tgz (air-gapped installs) or a chart URL. Default: the Cilium chart repository at `version`." }, "values": { "type": "object", "default": {}, "description": "Helm values merged on top of the Talos values `cto` sets." } } }, "localPathProvisioner": { "type": "object", "description": "local-path-provisioner, for Argo CD's and Mayastor's etcd volumes.", "additionalProperties": false, "default": {}, "properties": { "version": { "type": "string", "pattern": "^v[0-9]+\\.[0-9]+\\.[0-9]+$", "default": "v0.0.37", "description": "Release tag." }, "manifest": { "type": "string", "minLength": 1, "description": "Manifest source: a local file or URL. Default: the release manifest of `version`." } } }, "argocd": { "type": "object", "description": "Argo CD.", "additionalProperties": false, "default": {}, "properties": { "version": { "type": "string", "pattern": "^v[0-9]+\\.[0-9]+\\.[0-9]+$", "default": "v3.5.1", "description": "Release tag." }, "manifest": { "type": "string", "minLength": 1, "description": "Manifest source: a local file or URL. Default: the release `install.yaml` of `version`." } } } } }, "gitops": { "type": "object", "description": "The app-of-apps Argo CD syncs after install.", "additionalProperties": false, "required": ["repoURL"], "properties": { "repoURL": { "type": "string", "minLength": 1, "description": "Git repository URL.", "x-sensitive": false }, "path": { "type": "string", "default": "infra/gitops", "description": "Folder of the app-of-apps inside the repository." }, "revision": { "type": "string", "default": "main", "description": "Branch, tag or commit." }, "syncTimeout": { "x-profile-default": true, "type": "string", "pattern": "^([0-9]+h)?([0-9]+m)?([0-9]+s)?$", "minLength": 2, "description": "How long to wait for Synced and Healthy, e.g. `30m`. Default from the profile: 30m." }, "credentials": { "type": "object", "description": "Credentials for a private repository; write them as `${env:\u2026}`.", "additionalProperties": false, "required": ["username", "password"], "properties": { "username": { "type": "string", "minLength": 1, "description": "User name.", "x-sensitive": true }, "password": { "type": "string", "minLength": 1, "description": "Password or token.", "x-sensitive": true } } } } }, "storage": { "type": "object", "description": "Replicated storage.", "additionalProperties": false, "properties": { "mayastor": { "type": "object", "description": "OpenEBS Mayastor on every worker.", "additionalProperties": false, "required": ["disk"], "properties": { "disk": { "type": "string", "pattern": "^/dev/[A-Za-z0-9/_.-]+$", "description": "Disk of each worker given to its DiskPool; must differ from `talos.installDisk`." }, "replicas": { "x-profile-default": true, "type": "integer", "minimum": 1, "maximum": 3, "description": "Replicas per volume (the StorageClass `repl`), at most the number of workers. Default from the profile: 2." }, "default": { "type": "boolean", "default": true, "description": "Make the Mayastor StorageClass the cluster default." }, "storageClassName": { "type": "string", "pattern": "^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$", "default": "mayastor-nvme", "description": "Name of the StorageClass." }, "chartVersion": { "type": "string", "pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+$", "default": "4.5.1", "description": "OpenEBS umbrella chart version the GitOps tree pins." } } } } }, "kubeconfig": { "type": "object", "description": "Where the cluster's kubeconfig is merged.", "additionalProperties": false, "default": {}, "properties": { "path": { "type": "string", "minLength": 1, "description": "File to merge into; default `$KUBECONFIG` when it names one file, else `~/.kube/config`." }, "context": { "type": "string", "minLength": 1, "description": "Context name; default the cluster name." } } }, "destroy": { "type": "object", "description": "Safety switches for destructive changes.", "additionalProperties": false, "default": {}, "properties": { "allow": { "type": "boolean", "default": false, "description": "Allow replacing or deleting servers and wiping disks (the same as `--allow-destroy`)." } } } } } }, "$defs": { "pool": { "type": "object", "description": "A group of identical servers.", "additionalProperties": false, "required": ["count"], "properties": { "count": { "type": "integer", "minimum": 0, "maximum": 100, "description": "Number of servers." }, "plan": { "type": "string", "pattern": "^[a-z0-9][a-z0-9.-]*$", "default": "c2-small-x86", "description": "Latitude plan slug." } } } } };
var pattern4 = new RegExp("^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$", "u");
var pattern5 = new RegExp("^https?://", "u");
var pattern6 = new RegExp("^[A-Z][A-Z0-9]{1,9}$", "u");
var pattern8 = new RegExp("^[a-z0-9][a-z0-9.-]*$", "u");
var pattern10 = new RegExp("^v1\\.(9|1[0-9])\\.[0-9]+$", "u");
var pattern11 = new RegExp("^1\\.[0-9]{2}\\.[0-9]+$", "u");
var pattern12 = new RegExp("^[0-9a-f]{64}$", "u");
var pattern13 = new RegExp("^/dev/[A-Za-z0-9/_.-]+$", "u");
var pattern14 = new RegExp("^[0-9]+\\.[0-9]+\\.[0-9]+$", "u");
var pattern15 = new RegExp("^v[0-9]+\\.[0-9]+\\.[0-9]+$", "u");
var pattern17 = new RegExp("^([0-9]+h)?([0-9]+m)?([0-9]+s)?$", "u");
var pattern19 = new RegExp("^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$", "u");
var func1 = Object.prototype.hasOwnProperty;
var func2 = require_ucs2length().default;
var formats0 = (init_formats(), __toCommonJS(formats_exports)).formats.uri;
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
                  if (!(key4 === "project" || key4 === "apiKey" || key4 === "endpoint" || key4 === "billing")) {
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
              } else {
                const err33 = { instancePath: instancePath + "/spec/provider/latitude", schemaPath: "#/properties/spec/properties/provider/properties/latitude/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err33];
                } else {
                  vErrors.push(err33);
                }
                errors++;
              }
            }
          } else {
            const err34 = { instancePath: instancePath + "/spec/provider", schemaPath: "#/properties/spec/properties/provider/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err34];
            } else {
              vErrors.push(err34);
            }
            errors++;
          }
        }
        if (data5.region !== void 0) {
          let data13 = data5.region;
          const _errs32 = errors;
          let valid5 = false;
          let passing0 = null;
          const _errs33 = errors;
          const _errs34 = errors;
          const _errs35 = errors;
          if (data13 && typeof data13 == "object" && !Array.isArray(data13)) {
            let missing0;
            if (data13.auto === void 0 && (missing0 = "auto")) {
              const err35 = {};
              if (vErrors === null) {
                vErrors = [err35];
              } else {
                vErrors.push(err35);
              }
              errors++;
            }
          }
          var valid6 = _errs35 === errors;
          if (valid6) {
            const err36 = { instancePath: instancePath + "/spec/region", schemaPath: "#/properties/spec/properties/region/oneOf/0/not", keyword: "not", params: {}, message: "must NOT be valid" };
            if (vErrors === null) {
              vErrors = [err36];
            } else {
              vErrors.push(err36);
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
          if (data13 && typeof data13 == "object" && !Array.isArray(data13)) {
            if (data13.site === void 0) {
              const err37 = { instancePath: instancePath + "/spec/region", schemaPath: "#/properties/spec/properties/region/oneOf/0/required", keyword: "required", params: { missingProperty: "site" }, message: "must have required property 'site'" };
              if (vErrors === null) {
                vErrors = [err37];
              } else {
                vErrors.push(err37);
              }
              errors++;
            }
          }
          var _valid0 = _errs33 === errors;
          if (_valid0) {
            valid5 = true;
            passing0 = 0;
          }
          const _errs36 = errors;
          const _errs37 = errors;
          const _errs38 = errors;
          if (data13 && typeof data13 == "object" && !Array.isArray(data13)) {
            let missing1;
            if (data13.site === void 0 && (missing1 = "site")) {
              const err38 = {};
              if (vErrors === null) {
                vErrors = [err38];
              } else {
                vErrors.push(err38);
              }
              errors++;
            }
          }
          var valid7 = _errs38 === errors;
          if (valid7) {
            const err39 = { instancePath: instancePath + "/spec/region", schemaPath: "#/properties/spec/properties/region/oneOf/1/not", keyword: "not", params: {}, message: "must NOT be valid" };
            if (vErrors === null) {
              vErrors = [err39];
            } else {
              vErrors.push(err39);
            }
            errors++;
          } else {
            errors = _errs37;
            if (vErrors !== null) {
              if (_errs37) {
                vErrors.length = _errs37;
              } else {
                vErrors = null;
              }
            }
          }
          if (data13 && typeof data13 == "object" && !Array.isArray(data13)) {
            if (data13.auto === void 0) {
              const err40 = { instancePath: instancePath + "/spec/region", schemaPath: "#/properties/spec/properties/region/oneOf/1/required", keyword: "required", params: { missingProperty: "auto" }, message: "must have required property 'auto'" };
              if (vErrors === null) {
                vErrors = [err40];
              } else {
                vErrors.push(err40);
              }
              errors++;
            }
            if (data13.auto !== void 0) {
              if (true !== data13.auto) {
                const err41 = { instancePath: instancePath + "/spec/region/auto", schemaPath: "#/properties/spec/properties/region/oneOf/1/properties/auto/const", keyword: "const", params: { allowedValue: true }, message: "must be equal to constant" };
                if (vErrors === null) {
                  vErrors = [err41];
                } else {
                  vErrors.push(err41);
                }
                errors++;
              }
            }
          }
          var _valid0 = _errs36 === errors;
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
            const err42 = { instancePath: instancePath + "/spec/region", schemaPath: "#/properties/spec/properties/region/oneOf", keyword: "oneOf", params: { passingSchemas: passing0 }, message: "must match exactly one schema in oneOf" };
            if (vErrors === null) {
              vErrors = [err42];
            } else {
              vErrors.push(err42);
            }
            errors++;
          } else {
            errors = _errs32;
            if (vErrors !== null) {
              if (_errs32) {
                vErrors.length = _errs32;
              } else {
                vErrors = null;
              }
            }
          }
          if (data13 && typeof data13 == "object" && !Array.isArray(data13)) {
            if (data13.fallback === void 0) {
              data13.fallback = ["MIA2", "DAL", "ASH", "LAX"];
            }
            for (const key5 in data13) {
              if (!(key5 === "site" || key5 === "auto" || key5 === "fallback")) {
                const err43 = { instancePath: instancePath + "/spec/region", schemaPath: "#/properties/spec/properties/region/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key5 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err43];
                } else {
                  vErrors.push(err43);
                }
                errors++;
              }
            }
            if (data13.site !== void 0) {
              let data15 = data13.site;
              if (typeof data15 === "string") {
                if (!pattern6.test(data15)) {
                  const err44 = { instancePath: instancePath + "/spec/region/site", schemaPath: "#/properties/spec/properties/region/properties/site/pattern", keyword: "pattern", params: { pattern: "^[A-Z][A-Z0-9]{1,9}$" }, message: 'must match pattern "^[A-Z][A-Z0-9]{1,9}$"' };
                  if (vErrors === null) {
                    vErrors = [err44];
                  } else {
                    vErrors.push(err44);
                  }
                  errors++;
                }
              } else {
                const err45 = { instancePath: instancePath + "/spec/region/site", schemaPath: "#/properties/spec/properties/region/properties/site/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err45];
                } else {
                  vErrors.push(err45);
                }
                errors++;
              }
            }
            if (data13.auto !== void 0) {
              if (typeof data13.auto !== "boolean") {
                const err46 = { instancePath: instancePath + "/spec/region/auto", schemaPath: "#/properties/spec/properties/region/properties/auto/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                if (vErrors === null) {
                  vErrors = [err46];
                } else {
                  vErrors.push(err46);
                }
                errors++;
              }
            }
            let data17 = data13.fallback;
            if (Array.isArray(data17)) {
              if (data17.length < 1) {
                const err47 = { instancePath: instancePath + "/spec/region/fallback", schemaPath: "#/properties/spec/properties/region/properties/fallback/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                if (vErrors === null) {
                  vErrors = [err47];
                } else {
                  vErrors.push(err47);
                }
                errors++;
              }
              const len0 = data17.length;
              for (let i0 = 0; i0 < len0; i0++) {
                let data18 = data17[i0];
                if (typeof data18 === "string") {
                  if (!pattern6.test(data18)) {
                    const err48 = { instancePath: instancePath + "/spec/region/fallback/" + i0, schemaPath: "#/properties/spec/properties/region/properties/fallback/items/pattern", keyword: "pattern", params: { pattern: "^[A-Z][A-Z0-9]{1,9}$" }, message: 'must match pattern "^[A-Z][A-Z0-9]{1,9}$"' };
                    if (vErrors === null) {
                      vErrors = [err48];
                    } else {
                      vErrors.push(err48);
                    }
                    errors++;
                  }
                } else {
                  const err49 = { instancePath: instancePath + "/spec/region/fallback/" + i0, schemaPath: "#/properties/spec/properties/region/properties/fallback/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err49];
                  } else {
                    vErrors.push(err49);
                  }
                  errors++;
                }
              }
              let i1 = data17.length;
              let j0;
              if (i1 > 1) {
                const indices0 = {};
                for (; i1--; ) {
                  let item0 = data17[i1];
                  if (typeof item0 !== "string") {
                    continue;
                  }
                  if (typeof indices0[item0] == "number") {
                    j0 = indices0[item0];
                    const err50 = { instancePath: instancePath + "/spec/region/fallback", schemaPath: "#/properties/spec/properties/region/properties/fallback/uniqueItems", keyword: "uniqueItems", params: { i: i1, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i1 + " are identical)" };
                    if (vErrors === null) {
                      vErrors = [err50];
                    } else {
                      vErrors.push(err50);
                    }
                    errors++;
                    break;
                  }
                  indices0[item0] = i1;
                }
              }
            } else {
              const err51 = { instancePath: instancePath + "/spec/region/fallback", schemaPath: "#/properties/spec/properties/region/properties/fallback/type", keyword: "type", params: { type: "array" }, message: "must be array" };
              if (vErrors === null) {
                vErrors = [err51];
              } else {
                vErrors.push(err51);
              }
              errors++;
            }
          } else {
            const err52 = { instancePath: instancePath + "/spec/region", schemaPath: "#/properties/spec/properties/region/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err52];
            } else {
              vErrors.push(err52);
            }
            errors++;
          }
        }
        if (data5.nodes !== void 0) {
          let data19 = data5.nodes;
          if (data19 && typeof data19 == "object" && !Array.isArray(data19)) {
            if (data19.workers === void 0) {
              data19.workers = { "count": 1, "plan": "c2-small-x86" };
            }
            if (data19.controlPlane === void 0) {
              const err53 = { instancePath: instancePath + "/spec/nodes", schemaPath: "#/properties/spec/properties/nodes/required", keyword: "required", params: { missingProperty: "controlPlane" }, message: "must have required property 'controlPlane'" };
              if (vErrors === null) {
                vErrors = [err53];
              } else {
                vErrors.push(err53);
              }
              errors++;
            }
            for (const key6 in data19) {
              if (!(key6 === "controlPlane" || key6 === "workers")) {
                const err54 = { instancePath: instancePath + "/spec/nodes", schemaPath: "#/properties/spec/properties/nodes/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key6 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err54];
                } else {
                  vErrors.push(err54);
                }
                errors++;
              }
            }
            if (data19.controlPlane !== void 0) {
              let data20 = data19.controlPlane;
              if (data20 && typeof data20 == "object" && !Array.isArray(data20)) {
                if (data20.plan === void 0) {
                  data20.plan = "c2-small-x86";
                }
                if (data20.count === void 0) {
                  const err55 = { instancePath: instancePath + "/spec/nodes/controlPlane", schemaPath: "#/$defs/pool/required", keyword: "required", params: { missingProperty: "count" }, message: "must have required property 'count'" };
                  if (vErrors === null) {
                    vErrors = [err55];
                  } else {
                    vErrors.push(err55);
                  }
                  errors++;
                }
                for (const key7 in data20) {
                  if (!(key7 === "count" || key7 === "plan")) {
                    const err56 = { instancePath: instancePath + "/spec/nodes/controlPlane", schemaPath: "#/$defs/pool/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key7 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err56];
                    } else {
                      vErrors.push(err56);
                    }
                    errors++;
                  }
                }
                if (data20.count !== void 0) {
                  let data21 = data20.count;
                  if (!(typeof data21 == "number" && (!(data21 % 1) && !isNaN(data21)) && isFinite(data21))) {
                    const err57 = { instancePath: instancePath + "/spec/nodes/controlPlane/count", schemaPath: "#/$defs/pool/properties/count/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                    if (vErrors === null) {
                      vErrors = [err57];
                    } else {
                      vErrors.push(err57);
                    }
                    errors++;
                  }
                  if (typeof data21 == "number" && isFinite(data21)) {
                    if (data21 > 100 || isNaN(data21)) {
                      const err58 = { instancePath: instancePath + "/spec/nodes/controlPlane/count", schemaPath: "#/$defs/pool/properties/count/maximum", keyword: "maximum", params: { comparison: "<=", limit: 100 }, message: "must be <= 100" };
                      if (vErrors === null) {
                        vErrors = [err58];
                      } else {
                        vErrors.push(err58);
                      }
                      errors++;
                    }
                    if (data21 < 0 || isNaN(data21)) {
                      const err59 = { instancePath: instancePath + "/spec/nodes/controlPlane/count", schemaPath: "#/$defs/pool/properties/count/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                      if (vErrors === null) {
                        vErrors = [err59];
                      } else {
                        vErrors.push(err59);
                      }
                      errors++;
                    }
                  }
                }
                let data22 = data20.plan;
                if (typeof data22 === "string") {
                  if (!pattern8.test(data22)) {
                    const err60 = { instancePath: instancePath + "/spec/nodes/controlPlane/plan", schemaPath: "#/$defs/pool/properties/plan/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9.-]*$" }, message: 'must match pattern "^[a-z0-9][a-z0-9.-]*$"' };
                    if (vErrors === null) {
                      vErrors = [err60];
                    } else {
                      vErrors.push(err60);
                    }
                    errors++;
                  }
                } else {
                  const err61 = { instancePath: instancePath + "/spec/nodes/controlPlane/plan", schemaPath: "#/$defs/pool/properties/plan/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err61];
                  } else {
                    vErrors.push(err61);
                  }
                  errors++;
                }
              } else {
                const err62 = { instancePath: instancePath + "/spec/nodes/controlPlane", schemaPath: "#/$defs/pool/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err62];
                } else {
                  vErrors.push(err62);
                }
                errors++;
              }
            }
            let data23 = data19.workers;
            if (data23 && typeof data23 == "object" && !Array.isArray(data23)) {
              if (data23.plan === void 0) {
                data23.plan = "c2-small-x86";
              }
              if (data23.count === void 0) {
                const err63 = { instancePath: instancePath + "/spec/nodes/workers", schemaPath: "#/$defs/pool/required", keyword: "required", params: { missingProperty: "count" }, message: "must have required property 'count'" };
                if (vErrors === null) {
                  vErrors = [err63];
                } else {
                  vErrors.push(err63);
                }
                errors++;
              }
              for (const key8 in data23) {
                if (!(key8 === "count" || key8 === "plan")) {
                  const err64 = { instancePath: instancePath + "/spec/nodes/workers", schemaPath: "#/$defs/pool/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key8 }, message: "must NOT have additional properties" };
                  if (vErrors === null) {
                    vErrors = [err64];
                  } else {
                    vErrors.push(err64);
                  }
                  errors++;
                }
              }
              if (data23.count !== void 0) {
                let data24 = data23.count;
                if (!(typeof data24 == "number" && (!(data24 % 1) && !isNaN(data24)) && isFinite(data24))) {
                  const err65 = { instancePath: instancePath + "/spec/nodes/workers/count", schemaPath: "#/$defs/pool/properties/count/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                  if (vErrors === null) {
                    vErrors = [err65];
                  } else {
                    vErrors.push(err65);
                  }
                  errors++;
                }
                if (typeof data24 == "number" && isFinite(data24)) {
                  if (data24 > 100 || isNaN(data24)) {
                    const err66 = { instancePath: instancePath + "/spec/nodes/workers/count", schemaPath: "#/$defs/pool/properties/count/maximum", keyword: "maximum", params: { comparison: "<=", limit: 100 }, message: "must be <= 100" };
                    if (vErrors === null) {
                      vErrors = [err66];
                    } else {
                      vErrors.push(err66);
                    }
                    errors++;
                  }
                  if (data24 < 0 || isNaN(data24)) {
                    const err67 = { instancePath: instancePath + "/spec/nodes/workers/count", schemaPath: "#/$defs/pool/properties/count/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                    if (vErrors === null) {
                      vErrors = [err67];
                    } else {
                      vErrors.push(err67);
                    }
                    errors++;
                  }
                }
              }
              let data25 = data23.plan;
              if (typeof data25 === "string") {
                if (!pattern8.test(data25)) {
                  const err68 = { instancePath: instancePath + "/spec/nodes/workers/plan", schemaPath: "#/$defs/pool/properties/plan/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9.-]*$" }, message: 'must match pattern "^[a-z0-9][a-z0-9.-]*$"' };
                  if (vErrors === null) {
                    vErrors = [err68];
                  } else {
                    vErrors.push(err68);
                  }
                  errors++;
                }
              } else {
                const err69 = { instancePath: instancePath + "/spec/nodes/workers/plan", schemaPath: "#/$defs/pool/properties/plan/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err69];
                } else {
                  vErrors.push(err69);
                }
                errors++;
              }
            } else {
              const err70 = { instancePath: instancePath + "/spec/nodes/workers", schemaPath: "#/$defs/pool/type", keyword: "type", params: { type: "object" }, message: "must be object" };
              if (vErrors === null) {
                vErrors = [err70];
              } else {
                vErrors.push(err70);
              }
              errors++;
            }
          } else {
            const err71 = { instancePath: instancePath + "/spec/nodes", schemaPath: "#/properties/spec/properties/nodes/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err71];
            } else {
              vErrors.push(err71);
            }
            errors++;
          }
        }
        let data26 = data5.talos;
        if (data26 && typeof data26 == "object" && !Array.isArray(data26)) {
          if (data26.version === void 0) {
            data26.version = "v1.13.9";
          }
          if (data26.kubernetesVersion === void 0) {
            data26.kubernetesVersion = "1.36.3";
          }
          if (data26.schematic === void 0) {
            data26.schematic = "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba";
          }
          if (data26.installDisk === void 0) {
            data26.installDisk = "/dev/nvme0n1";
          }
          if (data26.certSANs === void 0) {
            data26.certSANs = [];
          }
          if (data26.patches === void 0) {
            data26.patches = {};
          }
          for (const key9 in data26) {
            if (!(key9 === "version" || key9 === "kubernetesVersion" || key9 === "schematic" || key9 === "installDisk" || key9 === "hugepages" || key9 === "certSANs" || key9 === "patches")) {
              const err72 = { instancePath: instancePath + "/spec/talos", schemaPath: "#/properties/spec/properties/talos/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key9 }, message: "must NOT have additional properties" };
              if (vErrors === null) {
                vErrors = [err72];
              } else {
                vErrors.push(err72);
              }
              errors++;
            }
          }
          let data27 = data26.version;
          if (typeof data27 === "string") {
            if (!pattern10.test(data27)) {
              const err73 = { instancePath: instancePath + "/spec/talos/version", schemaPath: "#/properties/spec/properties/talos/properties/version/pattern", keyword: "pattern", params: { pattern: "^v1\\.(9|1[0-9])\\.[0-9]+$" }, message: 'must match pattern "^v1\\.(9|1[0-9])\\.[0-9]+$"' };
              if (vErrors === null) {
                vErrors = [err73];
              } else {
                vErrors.push(err73);
              }
              errors++;
            }
          } else {
            const err74 = { instancePath: instancePath + "/spec/talos/version", schemaPath: "#/properties/spec/properties/talos/properties/version/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err74];
            } else {
              vErrors.push(err74);
            }
            errors++;
          }
          let data28 = data26.kubernetesVersion;
          if (typeof data28 === "string") {
            if (!pattern11.test(data28)) {
              const err75 = { instancePath: instancePath + "/spec/talos/kubernetesVersion", schemaPath: "#/properties/spec/properties/talos/properties/kubernetesVersion/pattern", keyword: "pattern", params: { pattern: "^1\\.[0-9]{2}\\.[0-9]+$" }, message: 'must match pattern "^1\\.[0-9]{2}\\.[0-9]+$"' };
              if (vErrors === null) {
                vErrors = [err75];
              } else {
                vErrors.push(err75);
              }
              errors++;
            }
          } else {
            const err76 = { instancePath: instancePath + "/spec/talos/kubernetesVersion", schemaPath: "#/properties/spec/properties/talos/properties/kubernetesVersion/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err76];
            } else {
              vErrors.push(err76);
            }
            errors++;
          }
          let data29 = data26.schematic;
          if (typeof data29 === "string") {
            if (!pattern12.test(data29)) {
              const err77 = { instancePath: instancePath + "/spec/talos/schematic", schemaPath: "#/properties/spec/properties/talos/properties/schematic/pattern", keyword: "pattern", params: { pattern: "^[0-9a-f]{64}$" }, message: 'must match pattern "^[0-9a-f]{64}$"' };
              if (vErrors === null) {
                vErrors = [err77];
              } else {
                vErrors.push(err77);
              }
              errors++;
            }
          } else {
            const err78 = { instancePath: instancePath + "/spec/talos/schematic", schemaPath: "#/properties/spec/properties/talos/properties/schematic/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err78];
            } else {
              vErrors.push(err78);
            }
            errors++;
          }
          let data30 = data26.installDisk;
          if (typeof data30 === "string") {
            if (!pattern13.test(data30)) {
              const err79 = { instancePath: instancePath + "/spec/talos/installDisk", schemaPath: "#/properties/spec/properties/talos/properties/installDisk/pattern", keyword: "pattern", params: { pattern: "^/dev/[A-Za-z0-9/_.-]+$" }, message: 'must match pattern "^/dev/[A-Za-z0-9/_.-]+$"' };
              if (vErrors === null) {
                vErrors = [err79];
              } else {
                vErrors.push(err79);
              }
              errors++;
            }
          } else {
            const err80 = { instancePath: instancePath + "/spec/talos/installDisk", schemaPath: "#/properties/spec/properties/talos/properties/installDisk/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err80];
            } else {
              vErrors.push(err80);
            }
            errors++;
          }
          if (data26.hugepages !== void 0) {
            let data31 = data26.hugepages;
            if (!(typeof data31 == "number" && (!(data31 % 1) && !isNaN(data31)) && isFinite(data31))) {
              const err81 = { instancePath: instancePath + "/spec/talos/hugepages", schemaPath: "#/properties/spec/properties/talos/properties/hugepages/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
              if (vErrors === null) {
                vErrors = [err81];
              } else {
                vErrors.push(err81);
              }
              errors++;
            }
            if (typeof data31 == "number" && isFinite(data31)) {
              if (data31 > 262144 || isNaN(data31)) {
                const err82 = { instancePath: instancePath + "/spec/talos/hugepages", schemaPath: "#/properties/spec/properties/talos/properties/hugepages/maximum", keyword: "maximum", params: { comparison: "<=", limit: 262144 }, message: "must be <= 262144" };
                if (vErrors === null) {
                  vErrors = [err82];
                } else {
                  vErrors.push(err82);
                }
                errors++;
              }
              if (data31 < 0 || isNaN(data31)) {
                const err83 = { instancePath: instancePath + "/spec/talos/hugepages", schemaPath: "#/properties/spec/properties/talos/properties/hugepages/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                if (vErrors === null) {
                  vErrors = [err83];
                } else {
                  vErrors.push(err83);
                }
                errors++;
              }
            }
          }
          let data32 = data26.certSANs;
          if (Array.isArray(data32)) {
            const len1 = data32.length;
            for (let i2 = 0; i2 < len1; i2++) {
              let data33 = data32[i2];
              if (typeof data33 === "string") {
                if (func2(data33) < 1) {
                  const err84 = { instancePath: instancePath + "/spec/talos/certSANs/" + i2, schemaPath: "#/properties/spec/properties/talos/properties/certSANs/items/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                  if (vErrors === null) {
                    vErrors = [err84];
                  } else {
                    vErrors.push(err84);
                  }
                  errors++;
                }
              } else {
                const err85 = { instancePath: instancePath + "/spec/talos/certSANs/" + i2, schemaPath: "#/properties/spec/properties/talos/properties/certSANs/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err85];
                } else {
                  vErrors.push(err85);
                }
                errors++;
              }
            }
          } else {
            const err86 = { instancePath: instancePath + "/spec/talos/certSANs", schemaPath: "#/properties/spec/properties/talos/properties/certSANs/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err86];
            } else {
              vErrors.push(err86);
            }
            errors++;
          }
          let data34 = data26.patches;
          if (data34 && typeof data34 == "object" && !Array.isArray(data34)) {
            if (data34.all === void 0) {
              data34.all = [];
            }
            if (data34.controlPlane === void 0) {
              data34.controlPlane = [];
            }
            if (data34.workers === void 0) {
              data34.workers = [];
            }
            for (const key10 in data34) {
              if (!(key10 === "all" || key10 === "controlPlane" || key10 === "workers")) {
                const err87 = { instancePath: instancePath + "/spec/talos/patches", schemaPath: "#/properties/spec/properties/talos/properties/patches/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key10 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err87];
                } else {
                  vErrors.push(err87);
                }
                errors++;
              }
            }
            let data35 = data34.all;
            if (Array.isArray(data35)) {
              const len2 = data35.length;
              for (let i3 = 0; i3 < len2; i3++) {
                let data36 = data35[i3];
                if (!(data36 && typeof data36 == "object" && !Array.isArray(data36))) {
                  const err88 = { instancePath: instancePath + "/spec/talos/patches/all/" + i3, schemaPath: "#/properties/spec/properties/talos/properties/patches/properties/all/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                  if (vErrors === null) {
                    vErrors = [err88];
                  } else {
                    vErrors.push(err88);
                  }
                  errors++;
                }
              }
            } else {
              const err89 = { instancePath: instancePath + "/spec/talos/patches/all", schemaPath: "#/properties/spec/properties/talos/properties/patches/properties/all/type", keyword: "type", params: { type: "array" }, message: "must be array" };
              if (vErrors === null) {
                vErrors = [err89];
              } else {
                vErrors.push(err89);
              }
              errors++;
            }
            let data37 = data34.controlPlane;
            if (Array.isArray(data37)) {
              const len3 = data37.length;
              for (let i4 = 0; i4 < len3; i4++) {
                let data38 = data37[i4];
                if (!(data38 && typeof data38 == "object" && !Array.isArray(data38))) {
                  const err90 = { instancePath: instancePath + "/spec/talos/patches/controlPlane/" + i4, schemaPath: "#/properties/spec/properties/talos/properties/patches/properties/controlPlane/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                  if (vErrors === null) {
                    vErrors = [err90];
                  } else {
                    vErrors.push(err90);
                  }
                  errors++;
                }
              }
            } else {
              const err91 = { instancePath: instancePath + "/spec/talos/patches/controlPlane", schemaPath: "#/properties/spec/properties/talos/properties/patches/properties/controlPlane/type", keyword: "type", params: { type: "array" }, message: "must be array" };
              if (vErrors === null) {
                vErrors = [err91];
              } else {
                vErrors.push(err91);
              }
              errors++;
            }
            let data39 = data34.workers;
            if (Array.isArray(data39)) {
              const len4 = data39.length;
              for (let i5 = 0; i5 < len4; i5++) {
                let data40 = data39[i5];
                if (!(data40 && typeof data40 == "object" && !Array.isArray(data40))) {
                  const err92 = { instancePath: instancePath + "/spec/talos/patches/workers/" + i5, schemaPath: "#/properties/spec/properties/talos/properties/patches/properties/workers/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                  if (vErrors === null) {
                    vErrors = [err92];
                  } else {
                    vErrors.push(err92);
                  }
                  errors++;
                }
              }
            } else {
              const err93 = { instancePath: instancePath + "/spec/talos/patches/workers", schemaPath: "#/properties/spec/properties/talos/properties/patches/properties/workers/type", keyword: "type", params: { type: "array" }, message: "must be array" };
              if (vErrors === null) {
                vErrors = [err93];
              } else {
                vErrors.push(err93);
              }
              errors++;
            }
          } else {
            const err94 = { instancePath: instancePath + "/spec/talos/patches", schemaPath: "#/properties/spec/properties/talos/properties/patches/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err94];
            } else {
              vErrors.push(err94);
            }
            errors++;
          }
        } else {
          const err95 = { instancePath: instancePath + "/spec/talos", schemaPath: "#/properties/spec/properties/talos/type", keyword: "type", params: { type: "object" }, message: "must be object" };
          if (vErrors === null) {
            vErrors = [err95];
          } else {
            vErrors.push(err95);
          }
          errors++;
        }
        let data41 = data5.network;
        if (data41 && typeof data41 == "object" && !Array.isArray(data41)) {
          if (data41.podCIDR === void 0) {
            data41.podCIDR = "10.244.0.0/16";
          }
          if (data41.serviceCIDR === void 0) {
            data41.serviceCIDR = "10.96.0.0/12";
          }
          for (const key11 in data41) {
            if (!(key11 === "podCIDR" || key11 === "serviceCIDR")) {
              const err96 = { instancePath: instancePath + "/spec/network", schemaPath: "#/properties/spec/properties/network/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key11 }, message: "must NOT have additional properties" };
              if (vErrors === null) {
                vErrors = [err96];
              } else {
                vErrors.push(err96);
              }
              errors++;
            }
          }
          if (typeof data41.podCIDR !== "string") {
            const err97 = { instancePath: instancePath + "/spec/network/podCIDR", schemaPath: "#/properties/spec/properties/network/properties/podCIDR/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err97];
            } else {
              vErrors.push(err97);
            }
            errors++;
          }
          if (typeof data41.serviceCIDR !== "string") {
            const err98 = { instancePath: instancePath + "/spec/network/serviceCIDR", schemaPath: "#/properties/spec/properties/network/properties/serviceCIDR/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err98];
            } else {
              vErrors.push(err98);
            }
            errors++;
          }
        } else {
          const err99 = { instancePath: instancePath + "/spec/network", schemaPath: "#/properties/spec/properties/network/type", keyword: "type", params: { type: "object" }, message: "must be object" };
          if (vErrors === null) {
            vErrors = [err99];
          } else {
            vErrors.push(err99);
          }
          errors++;
        }
        let data44 = data5.platform;
        if (data44 && typeof data44 == "object" && !Array.isArray(data44)) {
          if (data44.cilium === void 0) {
            data44.cilium = {};
          }
          if (data44.localPathProvisioner === void 0) {
            data44.localPathProvisioner = {};
          }
          if (data44.argocd === void 0) {
            data44.argocd = {};
          }
          for (const key12 in data44) {
            if (!(key12 === "cilium" || key12 === "localPathProvisioner" || key12 === "argocd")) {
              const err100 = { instancePath: instancePath + "/spec/platform", schemaPath: "#/properties/spec/properties/platform/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key12 }, message: "must NOT have additional properties" };
              if (vErrors === null) {
                vErrors = [err100];
              } else {
                vErrors.push(err100);
              }
              errors++;
            }
          }
          let data45 = data44.cilium;
          if (data45 && typeof data45 == "object" && !Array.isArray(data45)) {
            if (data45.version === void 0) {
              data45.version = "1.20.2";
            }
            if (data45.values === void 0) {
              data45.values = {};
            }
            for (const key13 in data45) {
              if (!(key13 === "version" || key13 === "chart" || key13 === "values")) {
                const err101 = { instancePath: instancePath + "/spec/platform/cilium", schemaPath: "#/properties/spec/properties/platform/properties/cilium/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key13 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err101];
                } else {
                  vErrors.push(err101);
                }
                errors++;
              }
            }
            let data46 = data45.version;
            if (typeof data46 === "string") {
              if (!pattern14.test(data46)) {
                const err102 = { instancePath: instancePath + "/spec/platform/cilium/version", schemaPath: "#/properties/spec/properties/platform/properties/cilium/properties/version/pattern", keyword: "pattern", params: { pattern: "^[0-9]+\\.[0-9]+\\.[0-9]+$" }, message: 'must match pattern "^[0-9]+\\.[0-9]+\\.[0-9]+$"' };
                if (vErrors === null) {
                  vErrors = [err102];
                } else {
                  vErrors.push(err102);
                }
                errors++;
              }
            } else {
              const err103 = { instancePath: instancePath + "/spec/platform/cilium/version", schemaPath: "#/properties/spec/properties/platform/properties/cilium/properties/version/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err103];
              } else {
                vErrors.push(err103);
              }
              errors++;
            }
            if (data45.chart !== void 0) {
              let data47 = data45.chart;
              if (typeof data47 === "string") {
                if (func2(data47) < 1) {
                  const err104 = { instancePath: instancePath + "/spec/platform/cilium/chart", schemaPath: "#/properties/spec/properties/platform/properties/cilium/properties/chart/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                  if (vErrors === null) {
                    vErrors = [err104];
                  } else {
                    vErrors.push(err104);
                  }
                  errors++;
                }
              } else {
                const err105 = { instancePath: instancePath + "/spec/platform/cilium/chart", schemaPath: "#/properties/spec/properties/platform/properties/cilium/properties/chart/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err105];
                } else {
                  vErrors.push(err105);
                }
                errors++;
              }
            }
            let data48 = data45.values;
            if (!(data48 && typeof data48 == "object" && !Array.isArray(data48))) {
              const err106 = { instancePath: instancePath + "/spec/platform/cilium/values", schemaPath: "#/properties/spec/properties/platform/properties/cilium/properties/values/type", keyword: "type", params: { type: "object" }, message: "must be object" };
              if (vErrors === null) {
                vErrors = [err106];
              } else {
                vErrors.push(err106);
              }
              errors++;
            }
          } else {
            const err107 = { instancePath: instancePath + "/spec/platform/cilium", schemaPath: "#/properties/spec/properties/platform/properties/cilium/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err107];
            } else {
              vErrors.push(err107);
            }
            errors++;
          }
          let data49 = data44.localPathProvisioner;
          if (data49 && typeof data49 == "object" && !Array.isArray(data49)) {
            if (data49.version === void 0) {
              data49.version = "v0.0.37";
            }
            for (const key14 in data49) {
              if (!(key14 === "version" || key14 === "manifest")) {
                const err108 = { instancePath: instancePath + "/spec/platform/localPathProvisioner", schemaPath: "#/properties/spec/properties/platform/properties/localPathProvisioner/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key14 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err108];
                } else {
                  vErrors.push(err108);
                }
                errors++;
              }
            }
            let data50 = data49.version;
            if (typeof data50 === "string") {
              if (!pattern15.test(data50)) {
                const err109 = { instancePath: instancePath + "/spec/platform/localPathProvisioner/version", schemaPath: "#/properties/spec/properties/platform/properties/localPathProvisioner/properties/version/pattern", keyword: "pattern", params: { pattern: "^v[0-9]+\\.[0-9]+\\.[0-9]+$" }, message: 'must match pattern "^v[0-9]+\\.[0-9]+\\.[0-9]+$"' };
                if (vErrors === null) {
                  vErrors = [err109];
                } else {
                  vErrors.push(err109);
                }
                errors++;
              }
            } else {
              const err110 = { instancePath: instancePath + "/spec/platform/localPathProvisioner/version", schemaPath: "#/properties/spec/properties/platform/properties/localPathProvisioner/properties/version/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err110];
              } else {
                vErrors.push(err110);
              }
              errors++;
            }
            if (data49.manifest !== void 0) {
              let data51 = data49.manifest;
              if (typeof data51 === "string") {
                if (func2(data51) < 1) {
                  const err111 = { instancePath: instancePath + "/spec/platform/localPathProvisioner/manifest", schemaPath: "#/properties/spec/properties/platform/properties/localPathProvisioner/properties/manifest/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                  if (vErrors === null) {
                    vErrors = [err111];
                  } else {
                    vErrors.push(err111);
                  }
                  errors++;
                }
              } else {
                const err112 = { instancePath: instancePath + "/spec/platform/localPathProvisioner/manifest", schemaPath: "#/properties/spec/properties/platform/properties/localPathProvisioner/properties/manifest/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err112];
                } else {
                  vErrors.push(err112);
                }
                errors++;
              }
            }
          } else {
            const err113 = { instancePath: instancePath + "/spec/platform/localPathProvisioner", schemaPath: "#/properties/spec/properties/platform/properties/localPathProvisioner/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err113];
            } else {
              vErrors.push(err113);
            }
            errors++;
          }
          let data52 = data44.argocd;
          if (data52 && typeof data52 == "object" && !Array.isArray(data52)) {
            if (data52.version === void 0) {
              data52.version = "v3.5.1";
            }
            for (const key15 in data52) {
              if (!(key15 === "version" || key15 === "manifest")) {
                const err114 = { instancePath: instancePath + "/spec/platform/argocd", schemaPath: "#/properties/spec/properties/platform/properties/argocd/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key15 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err114];
                } else {
                  vErrors.push(err114);
                }
                errors++;
              }
            }
            let data53 = data52.version;
            if (typeof data53 === "string") {
              if (!pattern15.test(data53)) {
                const err115 = { instancePath: instancePath + "/spec/platform/argocd/version", schemaPath: "#/properties/spec/properties/platform/properties/argocd/properties/version/pattern", keyword: "pattern", params: { pattern: "^v[0-9]+\\.[0-9]+\\.[0-9]+$" }, message: 'must match pattern "^v[0-9]+\\.[0-9]+\\.[0-9]+$"' };
                if (vErrors === null) {
                  vErrors = [err115];
                } else {
                  vErrors.push(err115);
                }
                errors++;
              }
            } else {
              const err116 = { instancePath: instancePath + "/spec/platform/argocd/version", schemaPath: "#/properties/spec/properties/platform/properties/argocd/properties/version/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err116];
              } else {
                vErrors.push(err116);
              }
              errors++;
            }
            if (data52.manifest !== void 0) {
              let data54 = data52.manifest;
              if (typeof data54 === "string") {
                if (func2(data54) < 1) {
                  const err117 = { instancePath: instancePath + "/spec/platform/argocd/manifest", schemaPath: "#/properties/spec/properties/platform/properties/argocd/properties/manifest/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                  if (vErrors === null) {
                    vErrors = [err117];
                  } else {
                    vErrors.push(err117);
                  }
                  errors++;
                }
              } else {
                const err118 = { instancePath: instancePath + "/spec/platform/argocd/manifest", schemaPath: "#/properties/spec/properties/platform/properties/argocd/properties/manifest/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err118];
                } else {
                  vErrors.push(err118);
                }
                errors++;
              }
            }
          } else {
            const err119 = { instancePath: instancePath + "/spec/platform/argocd", schemaPath: "#/properties/spec/properties/platform/properties/argocd/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err119];
            } else {
              vErrors.push(err119);
            }
            errors++;
          }
        } else {
          const err120 = { instancePath: instancePath + "/spec/platform", schemaPath: "#/properties/spec/properties/platform/type", keyword: "type", params: { type: "object" }, message: "must be object" };
          if (vErrors === null) {
            vErrors = [err120];
          } else {
            vErrors.push(err120);
          }
          errors++;
        }
        if (data5.gitops !== void 0) {
          let data55 = data5.gitops;
          if (data55 && typeof data55 == "object" && !Array.isArray(data55)) {
            if (data55.path === void 0) {
              data55.path = "infra/gitops";
            }
            if (data55.revision === void 0) {
              data55.revision = "main";
            }
            if (data55.repoURL === void 0) {
              const err121 = { instancePath: instancePath + "/spec/gitops", schemaPath: "#/properties/spec/properties/gitops/required", keyword: "required", params: { missingProperty: "repoURL" }, message: "must have required property 'repoURL'" };
              if (vErrors === null) {
                vErrors = [err121];
              } else {
                vErrors.push(err121);
              }
              errors++;
            }
            for (const key16 in data55) {
              if (!(key16 === "repoURL" || key16 === "path" || key16 === "revision" || key16 === "syncTimeout" || key16 === "credentials")) {
                const err122 = { instancePath: instancePath + "/spec/gitops", schemaPath: "#/properties/spec/properties/gitops/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key16 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err122];
                } else {
                  vErrors.push(err122);
                }
                errors++;
              }
            }
            if (data55.repoURL !== void 0) {
              let data56 = data55.repoURL;
              if (typeof data56 === "string") {
                if (func2(data56) < 1) {
                  const err123 = { instancePath: instancePath + "/spec/gitops/repoURL", schemaPath: "#/properties/spec/properties/gitops/properties/repoURL/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                  if (vErrors === null) {
                    vErrors = [err123];
                  } else {
                    vErrors.push(err123);
                  }
                  errors++;
                }
              } else {
                const err124 = { instancePath: instancePath + "/spec/gitops/repoURL", schemaPath: "#/properties/spec/properties/gitops/properties/repoURL/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err124];
                } else {
                  vErrors.push(err124);
                }
                errors++;
              }
            }
            if (typeof data55.path !== "string") {
              const err125 = { instancePath: instancePath + "/spec/gitops/path", schemaPath: "#/properties/spec/properties/gitops/properties/path/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err125];
              } else {
                vErrors.push(err125);
              }
              errors++;
            }
            if (typeof data55.revision !== "string") {
              const err126 = { instancePath: instancePath + "/spec/gitops/revision", schemaPath: "#/properties/spec/properties/gitops/properties/revision/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err126];
              } else {
                vErrors.push(err126);
              }
              errors++;
            }
            if (data55.syncTimeout !== void 0) {
              let data59 = data55.syncTimeout;
              if (typeof data59 === "string") {
                if (func2(data59) < 2) {
                  const err127 = { instancePath: instancePath + "/spec/gitops/syncTimeout", schemaPath: "#/properties/spec/properties/gitops/properties/syncTimeout/minLength", keyword: "minLength", params: { limit: 2 }, message: "must NOT have fewer than 2 characters" };
                  if (vErrors === null) {
                    vErrors = [err127];
                  } else {
                    vErrors.push(err127);
                  }
                  errors++;
                }
                if (!pattern17.test(data59)) {
                  const err128 = { instancePath: instancePath + "/spec/gitops/syncTimeout", schemaPath: "#/properties/spec/properties/gitops/properties/syncTimeout/pattern", keyword: "pattern", params: { pattern: "^([0-9]+h)?([0-9]+m)?([0-9]+s)?$" }, message: 'must match pattern "^([0-9]+h)?([0-9]+m)?([0-9]+s)?$"' };
                  if (vErrors === null) {
                    vErrors = [err128];
                  } else {
                    vErrors.push(err128);
                  }
                  errors++;
                }
              } else {
                const err129 = { instancePath: instancePath + "/spec/gitops/syncTimeout", schemaPath: "#/properties/spec/properties/gitops/properties/syncTimeout/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err129];
                } else {
                  vErrors.push(err129);
                }
                errors++;
              }
            }
            if (data55.credentials !== void 0) {
              let data60 = data55.credentials;
              if (data60 && typeof data60 == "object" && !Array.isArray(data60)) {
                if (data60.username === void 0) {
                  const err130 = { instancePath: instancePath + "/spec/gitops/credentials", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/required", keyword: "required", params: { missingProperty: "username" }, message: "must have required property 'username'" };
                  if (vErrors === null) {
                    vErrors = [err130];
                  } else {
                    vErrors.push(err130);
                  }
                  errors++;
                }
                if (data60.password === void 0) {
                  const err131 = { instancePath: instancePath + "/spec/gitops/credentials", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/required", keyword: "required", params: { missingProperty: "password" }, message: "must have required property 'password'" };
                  if (vErrors === null) {
                    vErrors = [err131];
                  } else {
                    vErrors.push(err131);
                  }
                  errors++;
                }
                for (const key17 in data60) {
                  if (!(key17 === "username" || key17 === "password")) {
                    const err132 = { instancePath: instancePath + "/spec/gitops/credentials", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key17 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err132];
                    } else {
                      vErrors.push(err132);
                    }
                    errors++;
                  }
                }
                if (data60.username !== void 0) {
                  let data61 = data60.username;
                  if (typeof data61 === "string") {
                    if (func2(data61) < 1) {
                      const err133 = { instancePath: instancePath + "/spec/gitops/credentials/username", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/properties/username/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                      if (vErrors === null) {
                        vErrors = [err133];
                      } else {
                        vErrors.push(err133);
                      }
                      errors++;
                    }
                  } else {
                    const err134 = { instancePath: instancePath + "/spec/gitops/credentials/username", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/properties/username/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err134];
                    } else {
                      vErrors.push(err134);
                    }
                    errors++;
                  }
                }
                if (data60.password !== void 0) {
                  let data62 = data60.password;
                  if (typeof data62 === "string") {
                    if (func2(data62) < 1) {
                      const err135 = { instancePath: instancePath + "/spec/gitops/credentials/password", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/properties/password/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                      if (vErrors === null) {
                        vErrors = [err135];
                      } else {
                        vErrors.push(err135);
                      }
                      errors++;
                    }
                  } else {
                    const err136 = { instancePath: instancePath + "/spec/gitops/credentials/password", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/properties/password/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err136];
                    } else {
                      vErrors.push(err136);
                    }
                    errors++;
                  }
                }
              } else {
                const err137 = { instancePath: instancePath + "/spec/gitops/credentials", schemaPath: "#/properties/spec/properties/gitops/properties/credentials/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err137];
                } else {
                  vErrors.push(err137);
                }
                errors++;
              }
            }
          } else {
            const err138 = { instancePath: instancePath + "/spec/gitops", schemaPath: "#/properties/spec/properties/gitops/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err138];
            } else {
              vErrors.push(err138);
            }
            errors++;
          }
        }
        if (data5.storage !== void 0) {
          let data63 = data5.storage;
          if (data63 && typeof data63 == "object" && !Array.isArray(data63)) {
            for (const key18 in data63) {
              if (!(key18 === "mayastor")) {
                const err139 = { instancePath: instancePath + "/spec/storage", schemaPath: "#/properties/spec/properties/storage/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key18 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err139];
                } else {
                  vErrors.push(err139);
                }
                errors++;
              }
            }
            if (data63.mayastor !== void 0) {
              let data64 = data63.mayastor;
              if (data64 && typeof data64 == "object" && !Array.isArray(data64)) {
                if (data64.default === void 0) {
                  data64.default = true;
                }
                if (data64.storageClassName === void 0) {
                  data64.storageClassName = "mayastor-nvme";
                }
                if (data64.chartVersion === void 0) {
                  data64.chartVersion = "4.5.1";
                }
                if (data64.disk === void 0) {
                  const err140 = { instancePath: instancePath + "/spec/storage/mayastor", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/required", keyword: "required", params: { missingProperty: "disk" }, message: "must have required property 'disk'" };
                  if (vErrors === null) {
                    vErrors = [err140];
                  } else {
                    vErrors.push(err140);
                  }
                  errors++;
                }
                for (const key19 in data64) {
                  if (!(key19 === "disk" || key19 === "replicas" || key19 === "default" || key19 === "storageClassName" || key19 === "chartVersion")) {
                    const err141 = { instancePath: instancePath + "/spec/storage/mayastor", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key19 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err141];
                    } else {
                      vErrors.push(err141);
                    }
                    errors++;
                  }
                }
                if (data64.disk !== void 0) {
                  let data65 = data64.disk;
                  if (typeof data65 === "string") {
                    if (!pattern13.test(data65)) {
                      const err142 = { instancePath: instancePath + "/spec/storage/mayastor/disk", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/disk/pattern", keyword: "pattern", params: { pattern: "^/dev/[A-Za-z0-9/_.-]+$" }, message: 'must match pattern "^/dev/[A-Za-z0-9/_.-]+$"' };
                      if (vErrors === null) {
                        vErrors = [err142];
                      } else {
                        vErrors.push(err142);
                      }
                      errors++;
                    }
                  } else {
                    const err143 = { instancePath: instancePath + "/spec/storage/mayastor/disk", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/disk/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err143];
                    } else {
                      vErrors.push(err143);
                    }
                    errors++;
                  }
                }
                if (data64.replicas !== void 0) {
                  let data66 = data64.replicas;
                  if (!(typeof data66 == "number" && (!(data66 % 1) && !isNaN(data66)) && isFinite(data66))) {
                    const err144 = { instancePath: instancePath + "/spec/storage/mayastor/replicas", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/replicas/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                    if (vErrors === null) {
                      vErrors = [err144];
                    } else {
                      vErrors.push(err144);
                    }
                    errors++;
                  }
                  if (typeof data66 == "number" && isFinite(data66)) {
                    if (data66 > 3 || isNaN(data66)) {
                      const err145 = { instancePath: instancePath + "/spec/storage/mayastor/replicas", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/replicas/maximum", keyword: "maximum", params: { comparison: "<=", limit: 3 }, message: "must be <= 3" };
                      if (vErrors === null) {
                        vErrors = [err145];
                      } else {
                        vErrors.push(err145);
                      }
                      errors++;
                    }
                    if (data66 < 1 || isNaN(data66)) {
                      const err146 = { instancePath: instancePath + "/spec/storage/mayastor/replicas", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/replicas/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                      if (vErrors === null) {
                        vErrors = [err146];
                      } else {
                        vErrors.push(err146);
                      }
                      errors++;
                    }
                  }
                }
                if (typeof data64.default !== "boolean") {
                  const err147 = { instancePath: instancePath + "/spec/storage/mayastor/default", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/default/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                  if (vErrors === null) {
                    vErrors = [err147];
                  } else {
                    vErrors.push(err147);
                  }
                  errors++;
                }
                let data68 = data64.storageClassName;
                if (typeof data68 === "string") {
                  if (!pattern19.test(data68)) {
                    const err148 = { instancePath: instancePath + "/spec/storage/mayastor/storageClassName", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/storageClassName/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$" }, message: 'must match pattern "^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$"' };
                    if (vErrors === null) {
                      vErrors = [err148];
                    } else {
                      vErrors.push(err148);
                    }
                    errors++;
                  }
                } else {
                  const err149 = { instancePath: instancePath + "/spec/storage/mayastor/storageClassName", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/storageClassName/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err149];
                  } else {
                    vErrors.push(err149);
                  }
                  errors++;
                }
                let data69 = data64.chartVersion;
                if (typeof data69 === "string") {
                  if (!pattern14.test(data69)) {
                    const err150 = { instancePath: instancePath + "/spec/storage/mayastor/chartVersion", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/chartVersion/pattern", keyword: "pattern", params: { pattern: "^[0-9]+\\.[0-9]+\\.[0-9]+$" }, message: 'must match pattern "^[0-9]+\\.[0-9]+\\.[0-9]+$"' };
                    if (vErrors === null) {
                      vErrors = [err150];
                    } else {
                      vErrors.push(err150);
                    }
                    errors++;
                  }
                } else {
                  const err151 = { instancePath: instancePath + "/spec/storage/mayastor/chartVersion", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/properties/chartVersion/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err151];
                  } else {
                    vErrors.push(err151);
                  }
                  errors++;
                }
              } else {
                const err152 = { instancePath: instancePath + "/spec/storage/mayastor", schemaPath: "#/properties/spec/properties/storage/properties/mayastor/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err152];
                } else {
                  vErrors.push(err152);
                }
                errors++;
              }
            }
          } else {
            const err153 = { instancePath: instancePath + "/spec/storage", schemaPath: "#/properties/spec/properties/storage/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err153];
            } else {
              vErrors.push(err153);
            }
            errors++;
          }
        }
        let data70 = data5.kubeconfig;
        if (data70 && typeof data70 == "object" && !Array.isArray(data70)) {
          for (const key20 in data70) {
            if (!(key20 === "path" || key20 === "context")) {
              const err154 = { instancePath: instancePath + "/spec/kubeconfig", schemaPath: "#/properties/spec/properties/kubeconfig/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key20 }, message: "must NOT have additional properties" };
              if (vErrors === null) {
                vErrors = [err154];
              } else {
                vErrors.push(err154);
              }
              errors++;
            }
          }
          if (data70.path !== void 0) {
            let data71 = data70.path;
            if (typeof data71 === "string") {
              if (func2(data71) < 1) {
                const err155 = { instancePath: instancePath + "/spec/kubeconfig/path", schemaPath: "#/properties/spec/properties/kubeconfig/properties/path/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                if (vErrors === null) {
                  vErrors = [err155];
                } else {
                  vErrors.push(err155);
                }
                errors++;
              }
            } else {
              const err156 = { instancePath: instancePath + "/spec/kubeconfig/path", schemaPath: "#/properties/spec/properties/kubeconfig/properties/path/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err156];
              } else {
                vErrors.push(err156);
              }
              errors++;
            }
          }
          if (data70.context !== void 0) {
            let data72 = data70.context;
            if (typeof data72 === "string") {
              if (func2(data72) < 1) {
                const err157 = { instancePath: instancePath + "/spec/kubeconfig/context", schemaPath: "#/properties/spec/properties/kubeconfig/properties/context/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                if (vErrors === null) {
                  vErrors = [err157];
                } else {
                  vErrors.push(err157);
                }
                errors++;
              }
            } else {
              const err158 = { instancePath: instancePath + "/spec/kubeconfig/context", schemaPath: "#/properties/spec/properties/kubeconfig/properties/context/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err158];
              } else {
                vErrors.push(err158);
              }
              errors++;
            }
          }
        } else {
          const err159 = { instancePath: instancePath + "/spec/kubeconfig", schemaPath: "#/properties/spec/properties/kubeconfig/type", keyword: "type", params: { type: "object" }, message: "must be object" };
          if (vErrors === null) {
            vErrors = [err159];
          } else {
            vErrors.push(err159);
          }
          errors++;
        }
        let data73 = data5.destroy;
        if (data73 && typeof data73 == "object" && !Array.isArray(data73)) {
          if (data73.allow === void 0) {
            data73.allow = false;
          }
          for (const key21 in data73) {
            if (!(key21 === "allow")) {
              const err160 = { instancePath: instancePath + "/spec/destroy", schemaPath: "#/properties/spec/properties/destroy/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key21 }, message: "must NOT have additional properties" };
              if (vErrors === null) {
                vErrors = [err160];
              } else {
                vErrors.push(err160);
              }
              errors++;
            }
          }
          if (typeof data73.allow !== "boolean") {
            const err161 = { instancePath: instancePath + "/spec/destroy/allow", schemaPath: "#/properties/spec/properties/destroy/properties/allow/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
            if (vErrors === null) {
              vErrors = [err161];
            } else {
              vErrors.push(err161);
            }
            errors++;
          }
        } else {
          const err162 = { instancePath: instancePath + "/spec/destroy", schemaPath: "#/properties/spec/properties/destroy/type", keyword: "type", params: { type: "object" }, message: "must be object" };
          if (vErrors === null) {
            vErrors = [err162];
          } else {
            vErrors.push(err162);
          }
          errors++;
        }
      } else {
        const err163 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err163];
        } else {
          vErrors.push(err163);
        }
        errors++;
      }
    }
  } else {
    const err164 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err164];
    } else {
      vErrors.push(err164);
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
