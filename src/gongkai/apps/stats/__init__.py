"""Administrative matters and money (事项清单、处理决定、收费、政府集中采购): table 二's inputs."""
