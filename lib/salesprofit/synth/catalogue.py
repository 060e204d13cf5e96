"""Huaxin's catalogue, segment preferences, product associations and campaign plan."""

from __future__ import annotations

__all__ = [
    "ASSOCIATIONS",
    "ASSOCIATION_PROBABILITY",
    "CAMPAIGNS",
    "CAMPAIGN_ECONOMICS",
    "CATALOGUE",
    "EXPERIMENT_ITEMS",
    "NEW_CUSTOMER_CHANNEL_SHARE",
    "SEGMENT_CATEGORY_PREFERENCE",
]

#: category -> (list-price margin, [(item, median list price, sales unit)], variants)
_QUALITY = (
    ("economy", 0.70),
    ("standard", 0.90),
    ("premium", 1.0),
    ("heavy-duty", 1.25),
    ("imported", 1.45),
)
CATALOGUE: dict[str, tuple[float, list[tuple[str, float, str]], tuple[tuple[str, float], ...]]] = {
    "fasteners": (
        0.42,
        [
            ("Hex bolt grade 8.8", 45, "box of 100"),
            ("Socket head cap screw 12.9", 60, "box of 100"),
            ("Hex nut grade 8", 25, "box of 200"),
            ("Flat washer, zinc", 18, "box of 500"),
            ("Stainless hex bolt A2-70", 70, "box of 50"),
            ("Chemical anchor stud", 55, "box of 10"),
            ("Wedge anchor", 48, "box of 50"),
            ("Threaded rod 1 m", 35, "bundle of 10"),
        ],
        (("M6", 0.6), ("M8", 0.8), ("M10", 1.0), ("M12", 1.4), ("M16", 2.2)),
    ),
    "bearings": (
        0.30,
        [
            ("Deep-groove ball bearing", 28, "piece"),
            ("Sealed ball bearing 2RS", 35, "piece"),
            ("Tapered roller bearing", 85, "piece"),
            ("Pillow block bearing unit", 120, "piece"),
            ("Angular contact bearing", 160, "piece"),
            ("Spherical roller bearing", 420, "piece"),
            ("Linear bearing", 45, "piece"),
            ("Needle roller bearing", 30, "piece"),
        ],
        (
            ("20 mm bore", 0.6),
            ("25 mm bore", 0.8),
            ("30 mm bore", 1.0),
            ("40 mm bore", 1.5),
            ("50 mm bore", 2.2),
        ),
    ),
    "power_tools": (
        0.22,
        [
            ("Cordless drill 18V", 780, "piece"),
            ("Angle grinder 125 mm", 420, "piece"),
            ("Impact wrench 1/2 in", 1350, "piece"),
            ("Rotary hammer SDS-plus", 1100, "piece"),
            ("Circular saw 185 mm", 890, "piece"),
            ("Magnetic drill", 4200, "piece"),
            ("Cordless impact driver 18V", 860, "piece"),
            ("Heat gun 2000 W", 320, "piece"),
        ],
        _QUALITY,
    ),
    "hand_tools": (
        0.35,
        [
            ("Combination wrench set 8-24 mm", 260, "set"),
            ("Torque wrench 40-200 Nm", 680, "piece"),
            ("Screwdriver set 12 pc", 120, "set"),
            ("Socket set 1/2 in 24 pc", 380, "set"),
            ("Pliers set 3 pc", 150, "set"),
            ("Pipe wrench 350 mm", 140, "piece"),
            ("Hex key set 9 pc", 65, "set"),
            ("Tool trolley 7 drawers", 2600, "piece"),
        ],
        _QUALITY,
    ),
    "hydraulics": (
        0.28,
        [
            ("Hydraulic hose assembly 1 m", 85, "piece"),
            ("Hydraulic gear pump", 1800, "piece"),
            ("Solenoid directional valve", 1150, "piece"),
            ("Hydraulic cylinder", 2400, "piece"),
            ("Pressure gauge 0-25 MPa", 120, "piece"),
            ("Quick coupling", 95, "pair"),
            ("Hydraulic filter element", 160, "piece"),
            ("Pneumatic cylinder", 380, "piece"),
        ],
        (("DN6", 0.6), ("DN10", 0.8), ("DN12", 1.0), ("DN16", 1.3), ("DN25", 1.9)),
    ),
    "electrical": (
        0.27,
        [
            ("Miniature circuit breaker 3P", 95, "piece"),
            ("AC contactor", 180, "piece"),
            ("Thermal overload relay", 130, "piece"),
            ("Industrial socket IP67", 110, "piece"),
            ("Terminal blocks", 60, "pack of 50"),
            ("Power cable YJV 3-core", 1400, "100 m reel"),
            ("LED high-bay light 150 W", 520, "piece"),
            ("Variable frequency drive 4 kW", 2900, "piece"),
        ],
        _QUALITY,
    ),
    "safety": (
        0.38,
        [
            ("Safety helmet ABS", 180, "box of 10"),
            ("Cut-resistant gloves", 160, "box of 12 pairs"),
            ("Safety shoes, steel toe", 260, "pair"),
            ("Safety glasses", 96, "box of 12"),
            ("Half-mask respirator", 85, "piece"),
            ("Respirator filter cartridges", 210, "box of 10 pairs"),
            ("Reflective vest", 110, "box of 10"),
            ("Fall-arrest harness", 420, "piece"),
        ],
        _QUALITY,
    ),
    "welding": (
        0.26,
        [
            ("Welding rod E7018", 95, "5 kg box"),
            ("MIG wire ER70S-6", 210, "15 kg spool"),
            ("Inverter welder", 3800, "piece"),
            ("Auto-darkening welding helmet", 420, "piece"),
            ("Welding gloves", 150, "box of 10 pairs"),
            ("TIG torch", 650, "piece"),
            ("Argon regulator", 280, "piece"),
            ("Welding blanket 2x2 m", 190, "piece"),
        ],
        _QUALITY,
    ),
    "lubricants": (
        0.33,
        [
            ("Lithium grease EP2", 420, "15 kg pail"),
            ("Hydraulic oil VG46", 520, "18 L drum"),
            ("Gear oil VG220", 610, "18 L drum"),
            ("Penetrating spray", 150, "box of 12"),
            ("Food-grade grease H1", 520, "box of 12 cartridges"),
            ("Cutting fluid concentrate", 680, "20 L drum"),
            ("Chain lubricant spray", 190, "box of 12"),
            ("Industrial degreaser", 110, "5 L can"),
        ],
        _QUALITY,
    ),
    "cutting_tools": (
        0.36,
        [
            ("HSS twist drill", 45, "pack of 10"),
            ("Carbide end mill 4-flute", 160, "piece"),
            ("Cutting disc 125 mm", 140, "box of 50"),
            ("Flap disc 100 mm", 85, "box of 10"),
            ("Machine tap set", 95, "set"),
            ("Bi-metal hole saw", 75, "piece"),
            ("Turning insert CNMG", 260, "box of 10"),
            ("Grinding wheel 150 mm", 60, "piece"),
        ],
        _QUALITY,
    ),
}
#: How much each segment buys of each category (relative weights).
SEGMENT_CATEGORY_PREFERENCE = {
    "manufacturing": (1.4, 1.3, 0.8, 1.0, 1.1, 1.0, 0.9, 0.8, 1.1, 1.5),
    "automotive": (1.3, 1.2, 0.9, 1.1, 0.9, 0.8, 0.8, 1.1, 1.3, 1.3),
    "construction": (1.5, 0.4, 1.6, 1.3, 0.7, 1.0, 1.6, 1.4, 0.5, 1.0),
    "utilities": (0.9, 0.8, 0.8, 1.1, 0.9, 1.9, 1.4, 0.7, 0.8, 0.5),
    "healthcare": (0.7, 0.4, 0.6, 0.9, 0.3, 1.6, 1.8, 0.2, 0.7, 0.3),
}
#: Planted product associations: buyers of the first item often add the second.
ASSOCIATIONS = [
    ("Inverter welder", "Welding rod E7018"),
    ("Angle grinder 125 mm", "Cutting disc 125 mm"),
    ("Cordless drill 18V", "HSS twist drill"),
    ("Hydraulic gear pump", "Hydraulic oil VG46"),
    ("Deep-groove ball bearing", "Lithium grease EP2"),
    ("Half-mask respirator", "Respirator filter cartridges"),
    ("Safety helmet ABS", "Reflective vest"),
]
ASSOCIATION_PROBABILITY = 0.45
#: Consumables sold by the box that the price experiment ran on.
EXPERIMENT_ITEMS = (
    "Hex bolt grade 8.8",
    "Socket head cap screw 12.9",
    "Cut-resistant gloves",
    "Safety glasses",
    "Cutting disc 125 mm",
    "Flap disc 100 mm",
    "Welding rod E7018",
    "Penetrating spray",
)

CAMPAIGNS = [  # (name, channel, start, days)
    ("New-year restock e-mail", "email", "2024-01-08", 14),
    ("South China Industrial Expo 2024", "trade_show", "2024-03-19", 4),
    ("Spring safety week", "wechat", "2024-03-25", 21),
    ("Search ads Q2 2024", "search_ads", "2024-04-01", 91),
    ("Cutting tools promotion", "email", "2024-04-15", 21),
    ("Key-account call-out: lubricants", "telemarketing", "2024-05-13", 28),
    ("WeChat mini-programme launch", "wechat", "2024-06-03", 30),
    ("Mid-year power tools offer", "email", "2024-06-17", 14),
    ("Search ads Q3 2024", "search_ads", "2024-07-01", 92),
    ("New-customer prospecting calls", "telemarketing", "2024-08-05", 42),
    ("China Industrial Fair Shanghai 2024", "trade_show", "2024-09-24", 5),
    ("Autumn welding campaign", "wechat", "2024-10-14", 21),
    ("Search ads Q4 2024", "search_ads", "2024-10-08", 85),
    ("Year-end budget spend", "email", "2024-11-18", 21),
    ("Year-end WeChat offer", "wechat", "2024-12-02", 21),
    ("Post-holiday restock", "email", "2025-02-10", 14),
    ("South China Industrial Expo 2025", "trade_show", "2025-03-18", 4),
    ("Search ads Q1-Q2 2025", "search_ads", "2025-03-01", 122),
    ("Safety month 2025", "wechat", "2025-06-02", 28),
    ("Hydraulics service offer", "telemarketing", "2025-04-14", 35),
    ("Bearings and grease bundle", "email", "2025-05-12", 21),
    ("Utilities tender season", "email", "2025-06-16", 14),
    ("Search ads Q3 2025", "search_ads", "2025-07-01", 92),
    ("Win-back calls", "telemarketing", "2025-08-11", 35),
    ("WeChat live demo: cordless tools", "wechat", "2025-08-25", 14),
    ("China Industrial Fair Shanghai 2025", "trade_show", "2025-09-23", 5),
    ("Autumn e-mail catalogue", "email", "2025-09-08", 14),
    ("Search ads Q4 2025", "search_ads", "2025-10-08", 70),
    ("Year-end WeChat offer 2025", "wechat", "2025-11-17", 21),
    ("Healthcare facilities mailing", "email", "2025-10-20", 21),
]
#: channel -> (contacts low, high, share of prospects, fixed cost, cost per contact)
CAMPAIGN_ECONOMICS = {
    "email": (1200, 2400, 0.45, 3000.0, 1.2),
    "wechat": (900, 1600, 0.40, 6000.0, 3.5),
    "search_ads": (800, 1400, 0.92, 0.0, 28.0),
    "telemarketing": (320, 650, 0.75, 4000.0, 32.0),
    "trade_show": (280, 520, 0.65, 150000.0, 60.0),
}
NEW_CUSTOMER_CHANNEL_SHARE = {
    "referral": 0.22,
    "field_prospecting": 0.23,
    "trade_show": 0.15,
    "search_ads": 0.14,
    "wechat": 0.10,
    "email": 0.08,
    "telemarketing": 0.08,
}
