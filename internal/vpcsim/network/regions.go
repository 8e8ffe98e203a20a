package network

// regionNames are each region's LocalName by AcceptLanguage: the Chinese names are the default,
// as the API reference says.
var regionNames = map[string][2]string{ // region -> {zh-CN, en-US}
	"cn-qingdao":     {"华北1（青岛）", "China (Qingdao)"},
	"cn-beijing":     {"华北2（北京）", "China (Beijing)"},
	"cn-zhangjiakou": {"华北3（张家口）", "China (Zhangjiakou)"},
	"cn-huhehaote":   {"华北5（呼和浩特）", "China (Hohhot)"},
	"cn-wulanchabu":  {"华北6（乌兰察布）", "China (Ulanqab)"},
	"cn-hangzhou":    {"华东1（杭州）", "China (Hangzhou)"},
	"cn-shanghai":    {"华东2（上海）", "China (Shanghai)"},
	"cn-nanjing":     {"华东5（南京-本地地域）", "China (Nanjing - Local Region)"},
	"cn-fuzhou":      {"华东6（福州-本地地域）", "China (Fuzhou - Local Region)"},
	"cn-shenzhen":    {"华南1（深圳）", "China (Shenzhen)"},
	"cn-heyuan":      {"华南2（河源）", "China (Heyuan)"},
	"cn-guangzhou":   {"华南3（广州）", "China (Guangzhou)"},
	"cn-chengdu":     {"西南1（成都）", "China (Chengdu)"},
	"cn-hongkong":    {"中国香港", "China (Hong Kong)"},
	"ap-southeast-1": {"新加坡", "Singapore"},
	"ap-southeast-3": {"马来西亚（吉隆坡）", "Malaysia (Kuala Lumpur)"},
	"ap-southeast-5": {"印度尼西亚（雅加达）", "Indonesia (Jakarta)"},
	"ap-southeast-6": {"菲律宾（马尼拉）", "Philippines (Manila)"},
	"ap-southeast-7": {"泰国（曼谷）", "Thailand (Bangkok)"},
	"ap-northeast-1": {"日本（东京）", "Japan (Tokyo)"},
	"ap-northeast-2": {"韩国（首尔）", "South Korea (Seoul)"},
	"ap-south-1":     {"印度（孟买）", "India (Mumbai)"},
	"us-east-1":      {"美国（弗吉尼亚）", "US (Virginia)"},
	"us-west-1":      {"美国（硅谷）", "US (Silicon Valley)"},
	"eu-west-1":      {"英国（伦敦）", "UK (London)"},
	"eu-central-1":   {"德国（法兰克福）", "Germany (Frankfurt)"},
	"me-east-1":      {"阿联酋（迪拜）", "UAE (Dubai)"},
	"me-central-1":   {"沙特（利雅得）", "Saudi Arabia (Riyadh)"},
}

// acceptLanguages are DescribeRegions' AcceptLanguage values, in regionNames' order.
var acceptLanguages = []string{"zh-CN", "en-US"}
