# A VPN gateway is imported by its ID, in the provider's region,
terraform import alicloud_vpn_gateway.example vpn-bp1q8bgx4xnkm2ogj0000
# or by its region and ID, for a gateway in another region.
terraform import alicloud_vpn_gateway.example cn-shanghai/vpn-uf6q8bgx4xnkm2ogj0000
