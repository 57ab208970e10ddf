// Hand-kept list, taken from the OpenTelemetry Collector contrib sources at
// v0.158.0 (the names given to ottl.NewFactory), to be refreshed with them:
//   pkg/ottl/ottlfuncs/functions.go (StandardFuncs: editors and converters) and ottlfuncs/func_*.go
//   processor/transformprocessor/internal/{logs,metrics,traces,logparsingfuncs}/func_*.go
//   internal/filter/filterottl/functions.go (HasAttrKeyOnDatapoint, HasAttrOnDatapoint)

package ottl

// Functions lists every OTTL function the filter and transform processors of
// collector-contrib v0.158.0 know, in any context: editors are lower-case,
// converters capitalized.
var Functions = []string{
	"All",
	"Any",
	"Base64Decode",
	"Base64Encode",
	"Bool",
	"Coalesce",
	"CommunityID",
	"Concat",
	"ContainsValue",
	"ConvertAttributesToElementsXML",
	"ConvertCase",
	"ConvertTextToElementsXML",
	"Day",
	"Decode",
	"Double",
	"Duration",
	"ExtractGrokPatterns",
	"ExtractPatterns",
	"FNV",
	"Filter",
	"Find",
	"Format",
	"FormatTime",
	"GetXML",
	"HasAttrKeyOnDatapoint",
	"HasAttrOnDatapoint",
	"HasPrefix",
	"HasSuffix",
	"Hex",
	"Hour",
	"Hours",
	"Index",
	"InsertXML",
	"Int",
	"IsBool",
	"IsDouble",
	"IsEmpty",
	"IsInCIDR",
	"IsInt",
	"IsList",
	"IsMap",
	"IsMatch",
	"IsRootSpan",
	"IsString",
	"IsValidLuhn",
	"Keys",
	"Len",
	"Log",
	"MD5",
	"MapEach",
	"MapKeys",
	"Microseconds",
	"Milliseconds",
	"Minute",
	"Minutes",
	"Month",
	"Murmur3Hash",
	"Murmur3Hash128",
	"Nanosecond",
	"Nanoseconds",
	"Now",
	"ParseCEF",
	"ParseCLF",
	"ParseCSV",
	"ParseELF",
	"ParseInt",
	"ParseJSON",
	"ParseKeyValue",
	"ParseLEEF",
	"ParseSeverity",
	"ParseSimplifiedXML",
	"ParseXML",
	"ProfileID",
	"Reduce",
	"RemoveXML",
	"SHA1",
	"SHA256",
	"SHA512",
	"Second",
	"Seconds",
	"SliceToMap",
	"Sort",
	"SpanID",
	"Split",
	"String",
	"Substring",
	"Time",
	"ToCamelCase",
	"ToKeyValueString",
	"ToLowerCase",
	"ToSnakeCase",
	"ToUpperCase",
	"TraceID",
	"Trim",
	"TrimPrefix",
	"TrimSuffix",
	"TruncateTime",
	"URL",
	"UUID",
	"UUIDv7",
	"Unix",
	"UnixMicro",
	"UnixMilli",
	"UnixNano",
	"UnixSeconds",
	"UserAgent",
	"Values",
	"Weekday",
	"When",
	"XXH128",
	"XXH3",
	"Year",
	"aggregate_on_attribute_value",
	"aggregate_on_attributes",
	"append",
	"convert_exponential_histogram_to_histogram",
	"convert_gauge_to_sum",
	"convert_sum_to_gauge",
	"convert_summary_count_val_to_sum",
	"convert_summary_quantile_val_to_gauge",
	"convert_summary_sum_val_to_sum",
	"copy_metric",
	"delete_index",
	"delete_key",
	"delete_matching_keys",
	"extract_count_metric",
	"extract_percentile_metric",
	"extract_sum_metric",
	"flatten",
	"keep_keys",
	"keep_matching_keys",
	"limit",
	"merge_histogram_buckets",
	"merge_maps",
	"replace_all_matches",
	"replace_all_patterns",
	"replace_match",
	"replace_pattern",
	"scale_metric",
	"set",
	"set_semconv_span_name",
	"stringify_all",
	"truncate_all",
}

var functionSet = func() map[string]bool {
	m := make(map[string]bool, len(Functions))
	for _, f := range Functions {
		m[f] = true
	}
	return m
}()

// Known reports whether name is an OTTL function of the filter or transform
// processor.
func Known(name string) bool { return functionSet[name] }

// IsEditor reports whether name has an editor's shape (lower-case first
// letter); converters are capitalized.
func IsEditor(name string) bool { return name != "" && name[0] >= 'a' && name[0] <= 'z' }

// Editors returns the known editors; Converters the known converters.
func Editors() []string    { return filter(true) }
func Converters() []string { return filter(false) }

func filter(editor bool) []string {
	var out []string
	for _, f := range Functions {
		if IsEditor(f) == editor {
			out = append(out, f)
		}
	}
	return out
}
